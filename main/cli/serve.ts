import { parseArgs } from 'node:util';
import { containerEnvLines } from '../server/container-access';
import { envLines, type TokenHint } from '../server/env-lines';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createAppCore } from '../app/app-core';
import { jsonLog, levelFrom } from '../log';
import { awsConfigPath } from '../sso/aws-config-import';
import { DEFAULT_PORT } from '../../common/limits';
import type { AppState } from '../../preload/api';
import type { TlsMaterial } from '../server/listener';
import { CA_FILE, openHeadlessConfig } from './headless-config';
import { tokenProblem } from '../token/token-rules';
import { checkPair } from '../tls/check-pair';
import { CliError, readTextFile, usageError, type CliIo } from './io';
import { configDirFor } from '../config-dir';
import { ControlServer, coreTarget } from '../control/control-server';
import { pasteableToken } from './pasteable';
import { expandPath } from './paths';
import { SCOPED_TTL_SECONDS } from '../server/bearer-token';
import { isoSeconds } from '../credentials/slots';
import { DEFAULT_SLOT } from '../../common/slot-name';
import { keyFileWarning } from '../secrets/headless-secret-store';
import { checkOwnership } from '../secrets/ownership';

export const SERVE_HELP = `Usage: roletray serve [--port N] [--token-file F | --no-token] [--tls-cert F --tls-key F] [--disable-ssl]
                     [--generate-cert DIR] [--config-dir D]

Runs the credential server in the foreground (until Ctrl-C / SIGTERM), on 127.0.0.1 only. It
starts from the configuration directory: the saved token (roletray auth), certificate
(roletray ssl) and the slots loaded before (expired ones dropped), kept encrypted; slots loaded
from IAM Identity Center are refreshed before they expire. Command-line choices apply to this
run only. The first start generates the token and writes it to <config dir>/token (mode 0600);
the printed lines read it from there.

  --port N           port to listen on (default $ROLETRAY_PORT, else the port setting, ${DEFAULT_PORT}; 0 picks a free one)
  --token-file F     require the bearer token in F (else $ROLETRAY_TOKEN; else the saved token)
  --no-token         require no token: any local user can then read the credentials (said at start)
  --tls-cert F       certificate (PEM) for https; needs --tls-key
  --tls-key F        private key (PEM: PKCS#8, PKCS#1 or SEC1)
  --disable-ssl      serve http even when a certificate is given or saved (alias --disable-tls)
  --generate-cert DIR  generate and save a local CA + server certificate; the CA goes to DIR/roletray-ca.pem
  --container-address A  also listen on A (a Docker bridge address) for containers; only with TLS and a token
  --config-dir D     configuration directory (else $ROLETRAY_CONFIG_DIR, else the platform's)
  --json             print one JSON line {"url",...} instead of shell lines
`;

function parsePort(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw usageError(`port must be a number from 0 to 65535, not "${text}"`);
  return Number(text);
}

function loadToken(tokenFile: string | undefined, io: CliIo): { token?: string; hint?: TokenHint } {
  if (tokenFile) {
    checkOwnership(tokenFile, 'token file');
    const raw = readTextFile(tokenFile, 'token file');
    if (/\r?\n$/.test(raw)) io.stderr(`warning: ${tokenFile} ends with a newline; botocore sends it as part of the token. Remove it.\n`);
    const token = raw.replace(/\r?\n$/, '');
    const problem = tokenProblem(token);
    if (problem) throw new CliError(`token file ${tokenFile}: ${problem}`);
    return { token, hint: { file: tokenFile } };
  }
  const fromEnv = io.env.ROLETRAY_TOKEN;
  if (fromEnv) {
    const problem = tokenProblem(fromEnv);
    if (problem) throw new CliError(`ROLETRAY_TOKEN: ${problem}`);
    return { token: fromEnv, hint: { variable: 'ROLETRAY_TOKEN' } };
  }
  return {};
}

function loadTls(certFile: string | undefined, keyFile: string | undefined, io: CliIo): TlsMaterial | undefined {
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile) throw usageError('--tls-cert and --tls-key go together');
  const cert = readTextFile(certFile, 'certificate');
  const key = readTextFile(keyFile, 'private key');
  const check = checkPair(cert, key, Date.now());
  if (!check.ok) throw new CliError(`${certFile} / ${keyFile}: ${check.error}`);
  for (const warning of check.warnings) io.stderr(`warning: ${warning}\n`);
  return { cert, key };
}

/** What the person does after starting the server, from what it has: a role to load, a sign-in, or nothing. */
export function nextStep(state: AppState): string {
  const serving = state.slots.find((s) => s.name === DEFAULT_SLOT);
  if (serving) return `# Serving ${serving.profileName} in the default slot; roletray load -p PROFILE switches it.`;
  const instance = state.sso[0];
  if (!instance) return '# Next: roletray login --start-url URL --region REGION (your AWS access portal and its region), then roletray load -p PROFILE (roletray roles lists them); or roletray load --creds-file F.';
  if (!instance.signedIn) return `# Next: roletray login (signed out of ${instance.startUrl}), then roletray load -p PROFILE.`;
  return '# Next: roletray roles lists the roles you can load; roletray load -p PROFILE serves one.';
}

export async function serve(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'token-file': { type: 'string' },
      'no-token': { type: 'boolean' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'disable-ssl': { type: 'boolean' },
      'disable-tls': { type: 'boolean' },
      'generate-cert': { type: 'string' },
      'container-address': { type: 'string' },
      'config-dir': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(SERVE_HELP);
    return 0;
  }
  // Listen for the stop signal before anything else, so a signal sent right after start is not lost.
  const stopped = io.stopSignal();
  const portText = values.port ?? io.env.ROLETRAY_PORT;
  const port = portText === undefined ? undefined : parsePort(portText);
  if (values['no-token'] && values['token-file']) throw usageError('--no-token and --token-file exclude each other');
  // --no-token wins over $ROLETRAY_TOKEN, which is also there for the client commands.
  const path = (flag: string, value: string | undefined) => (value === undefined ? undefined : expandPath(flag, value, io.env));
  const { token, hint } = values['no-token'] ? {} : loadToken(path('--token-file', values['token-file']), io);
  const tlsCert = path('--tls-cert', values['tls-cert']);
  const tlsFiles = loadTls(tlsCert, path('--tls-key', values['tls-key']), io);
  const disableTls = values['disable-ssl'] || values['disable-tls'];

  const configDir = configDirFor(values['config-dir'], io.env);
  const log = jsonLog(io.stderr, levelFrom(io.env, 'warn'));
  // Claimed first: one owner per directory, so nothing below reads or writes it beside another.
  const control = await ControlServer.claim(configDir, {
    kind: 'serve',
    advice: 'Stop it first (the command line works with either), or serve another directory (--config-dir D).',
    log: (m) => log.error(m),
  });
  const released = (err: unknown): never => {
    void control.close();
    throw err;
  };
  const config = await openHeadlessConfig(configDir, undefined, 'serve').catch((err: Error) =>
    released(err.name === 'ForeignSecretsError' ? new CliError(err.message) : new CliError(`cannot open the configuration directory ${configDir}: ${err.message}`)),
  );
  const core = createAppCore({
    configDir,
    secrets: config.secrets,
    secretsAvailable: true,
    settings: config.settings,
    ...(port !== undefined ? { port } : {}),
    overrides: {
      ...(token ? { token } : {}),
      ...(values['no-token'] ? { noToken: true } : {}),
      ...(tlsFiles ? { tls: tlsFiles, caFile: tlsCert } : {}),
      ...(disableTls ? { disableTls } : {}),
      ...(values['container-address'] ? { containerAddress: values['container-address'] } : {}),
    },
    awsConfigFile: awsConfigPath(io.env),
    onSignInPrompt: (p) => io.stderr(`# sign in at ${p.verificationUriComplete} (code ${p.userCode})\n`),
    openExternal: async () => undefined,
    log,
  });
  await core.start().catch(released);
  control.serve(coreTarget(core, (m) => log.error(m)));
  const generateDir = path('--generate-cert', values['generate-cert']);
  if (generateDir) {
    const generated = await core.ops.generateTls();
    const ca = generated.ok ? await core.ops.exportCa() : generated;
    if (!ca.ok) return released(new CliError(`--generate-cert: ${ca.error}`));
    await mkdir(generateDir, { recursive: true });
    await writeFile(join(generateDir, CA_FILE), ca.value.pem);
  }
  const state = core.state();
  if (!state.server.listening || !state.server.url) {
    await core.stop();
    return released(new CliError(state.server.error ?? 'the server did not start'));
  }
  for (const notice of state.notices) io.stderr(`warning: ${notice.message}\n`);
  const keyWarning = keyFileWarning(configDir);
  if (keyWarning) io.stderr(`warning: ${keyWarning}\n`);

  const url = state.server.url;
  if (values.json) {
    // The file that holds this run's token: --token-file's, else the saved token's (none for $ROLETRAY_TOKEN).
    const tokenFile = !state.server.auth ? null : (values['token-file'] ?? (token ? null : state.server.tokenFile));
    io.stdout(`${JSON.stringify({ url, port: state.server.port, https: state.server.https, auth: state.server.auth, tokenFile })}\n`);
  } else {
    // A saved token is not printed: the line says where to get it.
    const tokenHint = !state.server.auth ? undefined : (hint ?? pasteableToken(state.server, configDir, io.env));
    const caFile = state.server.https ? (tlsFiles ? tlsCert : generateDir ? join(generateDir, CA_FILE) : state.server.caFile) : undefined;
    // Containers never get the owner's token: a scoped one reads the default slot only.
    const forContainers = state.server.addresses.length > 1 && state.server.auth && caFile ? core.service.token.issue(DEFAULT_SLOT, SCOPED_TTL_SECONDS.max) : undefined;
    io.stdout(
      [
        `# RoleTray credential server listening on ${url} (${state.server.auth ? 'token required' : 'no token: any local user can read these credentials'}). Ctrl-C stops it.`,
        '# Paste into a shell:',
        ...envLines('sh', { url, token: tokenHint, caFile }),
        ...(forContainers && caFile
          ? [
              `# Containers reach it at ${state.server.addresses.slice(1).join(', ')} as host.docker.internal (docker run --add-host=host.docker.internal:host-gateway), with`,
              `# a read-only token for the default slot, valid until ${isoSeconds(forContainers.expiresAt)}:`,
              ...containerEnvLines('sh', { port: state.server.port!, caFile, token: { value: forContainers.token } }).map((l) => `#   ${l}`),
            ]
          : []),
        nextStep(state),
        '',
      ].join('\n'),
    );
  }
  const signal = await stopped;
  await control.close();
  await core.stop();
  io.stderr(`# stopped (${signal})\n`);
  return 0;
}
