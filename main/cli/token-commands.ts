import { parseArgs } from 'node:util';
import type { Workplace } from './owner';
import { tokenExportLines } from './pasteable';
import { expandPath } from './paths';
import { tokenPlace } from './token-place';
import { readTokenFile, usageError, type CliIo } from './io';
import { configDirFor } from '../config-dir';

export const TOKEN_HELP = `Usage: roletray auth [--bearer-token - | --bearer-token-file F | --generate | --delete] [--token-file F] [--show]   (alias: token)

Sets the bearer token clients must send (AWS_CONTAINER_AUTHORIZATION_TOKEN or ..._TOKEN_FILE),
kept encrypted in the configuration directory. \`roletray serve\` uses it from its next start; its
first start generates one when none is set. With no action, says whether a token is set.

  --bearer-token -        use your own token (16+ characters, no spaces), read from stdin
  --bearer-token-file F   use your own token, read from F (one trailing newline is dropped)
  --generate              generate a new random token (also: rotate)
  --delete                delete the token: the server then answers any local user, without one
  --token-file F          also keep the token in F (mode 0600, no trailing newline) from now on
  --show                  print the token's value
  --config-dir D          configuration directory (else $ROLETRAY_CONFIG_DIR, else the platform's)
  --json                  machine-readable output

A token is never taken from the arguments: every local user can read a command's arguments
(ps, /proc/<pid>/cmdline).
`;

const ARGV_TOKEN_REFUSED =
  '--bearer-token takes - (the token from stdin), or use --bearer-token-file F: every local user can read a command\'s arguments (ps, /proc/<pid>/cmdline), so a token given there is no longer secret; choose a new one';

/** The user's own token from stdin or a file; never from argv. */
async function ownToken(values: { 'bearer-token'?: string; 'bearer-token-file'?: string }, io: CliIo): Promise<string | undefined> {
  const arg = values['bearer-token'];
  if (arg !== undefined && arg !== '-') throw usageError(ARGV_TOKEN_REFUSED);
  if (arg === '-') return (await io.readStdin()).replace(/\r?\n$/, '');
  const file = values['bearer-token-file'];
  return file === undefined ? undefined : readTokenFile(file);
}

export async function token(argv: string[], io: CliIo, place?: Workplace): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'bearer-token': { type: 'string' },
      'bearer-token-file': { type: 'string' },
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
  const actions = [values['bearer-token'] !== undefined, values['bearer-token-file'] !== undefined, values.generate, values.delete].filter(Boolean).length;
  if (actions > 1) throw usageError('choose one of --bearer-token, --bearer-token-file, --generate, --delete');
  if (values.delete && values.show) throw usageError('--show and --delete do not go together');
  const own = await ownToken(values, io);

  const configDir = configDirFor(values['config-dir'], io.env);
  // The running app or `serve` when there is one (it follows at once), else the saved configuration.
  const { config, tokens, live } = await tokenPlace(place, configDir);
  for (const notice of config.settings.notices) io.stderr(`warning: ${notice}\n`);

  const newFile = values['token-file'] === undefined ? undefined : expandPath('--token-file', values['token-file'], io.env);
  if (newFile) await config.settings.update({ tokenFile: newFile });
  if (own !== undefined) await tokens.set(own);
  else if (values.generate) await tokens.generate();
  else if (values.delete) await tokens.delete();
  else if (newFile && (await tokens.reveal()) !== undefined) await tokens.writeFile(newFile);
  // Setting a token turns auth on; deleting it is the explicit choice to serve without one.
  if (actions) await config.settings.update({ auth: values.delete ? 'none' : 'token' });

  const value = await tokens.reveal();
  const on = value !== undefined && config.settings.get().auth === 'token';
  const tokenFile = on ? config.settings.get().tokenFile : null;
  if (values.json) {
    io.stdout(`${JSON.stringify({ auth: on, tokenFile, ...(values.show && value ? { token: value } : {}) })}\n`);
    return 0;
  }
  if (values.show && value) io.stdout(`${value}\n`);
  else if (config.settings.get().auth === 'none') io.stdout('No bearer token is required: the server answers any local user. roletray auth --generate turns it on.\n');
  else if (value === undefined) io.stdout('No bearer token is set yet: the next roletray serve generates one.\n');
  else {
    io.stdout(`A bearer token is set${tokenFile ? ` (also in ${tokenFile})` : ''}; roletray auth --show prints it. Clients take it with:\n`);
    io.stdout(`${tokenExportLines(tokenFile, configDir, io.env).map((l) => `  ${l}\n`).join('')}`);
  }
  if (actions || values['token-file'] !== undefined) io.stderr(live ? '# The running RoleTray uses it now.\n' : '# RoleTray uses this from its next start (the app or `roletray serve`).\n');
  return 0;
}
