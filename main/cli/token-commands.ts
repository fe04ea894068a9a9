import { parseArgs } from 'node:util';
import type { Workplace } from './owner';
import { tokenExportLines } from './pasteable';
import { expandPath } from './paths';
import { tokenPlace } from './token-place';
import { usageError, type CliIo } from './io';
import { configDirFor } from '../config-dir';

export const TOKEN_HELP = `Usage: roletray auth [--bearer-token T|- | --generate | --delete] [--token-file F] [--show]   (alias: token)

Sets the bearer token clients must send (AWS_CONTAINER_AUTHORIZATION_TOKEN or ..._TOKEN_FILE),
kept encrypted in the configuration directory. \`roletray serve\` uses it from its next start.
With no action, says whether a token is set.

  --bearer-token T   use your own token (16+ characters, no spaces); - reads it from stdin
  --generate         generate a new random token (also: rotate)
  --delete           delete the token: the server then accepts requests without one
  --token-file F     also keep the token in F (mode 0600, no trailing newline) from now on
  --show             print the token's value
  --config-dir D     configuration directory (else $ROLETRAY_CONFIG_DIR, else the platform's)
  --json             machine-readable output
`;

export async function token(argv: string[], io: CliIo, place?: Workplace): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'bearer-token': { type: 'string' },
      generate: { type: 'boolean' },
      delete: { type: 'boolean' },
      'token-file': { type: 'string' },
      show: { type: 'boolean' },
      'config-dir': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return (io.stdout(TOKEN_HELP), 0);
  const actions = [values['bearer-token'] !== undefined, values.generate, values.delete].filter(Boolean).length;
  if (actions > 1) throw usageError('choose one of --bearer-token, --generate, --delete');
  if (values.delete && values.show) throw usageError('--show and --delete do not go together');

  const configDir = configDirFor(values['config-dir'], io.env);
  // The running app or `serve` when there is one (it follows at once), else the saved configuration.
  const { config, tokens, live } = await tokenPlace(place, configDir);
  for (const notice of config.settings.notices) io.stderr(`warning: ${notice}\n`);

  const newFile = values['token-file'] === undefined ? undefined : expandPath('--token-file', values['token-file'], io.env);
  if (newFile) await config.settings.update({ tokenFile: newFile });
  const own = values['bearer-token'] === '-' ? (await io.readStdin()).replace(/\r?\n$/, '') : values['bearer-token'];
  if (own !== undefined) await tokens.set(own);
  else if (values.generate) await tokens.generate();
  else if (values.delete) await tokens.delete();
  else if (newFile && (await tokens.reveal()) !== undefined) await tokens.writeFile(newFile);

  const value = await tokens.reveal();
  const tokenFile = value === undefined ? null : config.settings.get().tokenFile;
  if (values.json) {
    io.stdout(`${JSON.stringify({ auth: value !== undefined, tokenFile, ...(values.show && value ? { token: value } : {}) })}\n`);
    return 0;
  }
  if (values.show && value) io.stdout(`${value}\n`);
  else if (value === undefined) io.stdout('No bearer token is set: the server accepts requests without one.\n');
  else {
    io.stdout(`A bearer token is set${tokenFile ? ` (also in ${tokenFile})` : ''}; roletray auth --show prints it. Clients take it with:\n`);
    io.stdout(`${tokenExportLines(tokenFile, configDir, io.env).map((l) => `  ${l}\n`).join('')}`);
  }
  if (actions || values['token-file'] !== undefined) io.stderr(live ? '# The running RoleTray uses it now.\n' : '# RoleTray uses this from its next start (the app or `roletray serve`).\n');
  return 0;
}
