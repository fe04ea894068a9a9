import { parseArgs } from 'node:util';
import { envLines, type TokenHint } from '../server/env-lines';
import { DEFAULT_PORT, type TlsMaterial } from '../server/listener';
import { createCredentialService } from '../server/service';
import { tokenProblem } from '../server/token-rules';
import { checkPair } from '../tls/check-pair';
import { CliError, readTextFile, usageError, type CliIo } from './io';

export const SERVE_HELP = `Usage: roletray serve [--port N] [--token-file F] [--tls-cert F --tls-key F] [--disable-ssl]

Runs the credential server in the foreground (until Ctrl-C / SIGTERM), on 127.0.0.1 only.
Slots start empty; load them with \`roletray load\`.

  --port N           port to listen on (default $ROLETRAY_PORT or ${DEFAULT_PORT}; 0 picks a free one)
  --token-file F     require the bearer token in F (else $ROLETRAY_TOKEN; else no auth)
  --tls-cert F       certificate (PEM) for https; needs --tls-key
  --tls-key F        private key (PEM: PKCS#8, PKCS#1 or SEC1)
  --disable-ssl      serve http even when a certificate is given (alias --disable-tls)
  --json             print one JSON line {"url",...} instead of shell lines
`;

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw usageError(`port must be a number from 0 to 65535, not "${text}"`);
  return Number(text);
}

function loadToken(tokenFile: string | undefined, io: CliIo): { token?: string; hint?: TokenHint } {
  if (tokenFile) {
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

export async function serve(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'token-file': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'disable-ssl': { type: 'boolean' },
      'disable-tls': { type: 'boolean' },
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
  const port = parsePort(values.port ?? io.env.ROLETRAY_PORT);
  const { token, hint } = loadToken(values['token-file'], io);
  const disableTls = values['disable-ssl'] || values['disable-tls'];
  const tlsFiles = loadTls(values['tls-cert'], values['tls-key'], io);
  const tls = disableTls ? undefined : tlsFiles;

  const service = createCredentialService({
    token,
    log: { error: (message, fields) => io.stderr(`${JSON.stringify({ level: 'error', message, ...fields })}\n`) },
  });
  const listening = await service.server.apply({ port, tls });

  if (values.json) {
    io.stdout(`${JSON.stringify({ url: listening.url, port: listening.port, https: listening.https, auth: service.token.enabled })}\n`);
  } else {
    const caFile = tls ? values['tls-cert'] : undefined;
    io.stdout(
      [
        `# RoleTray credential server listening on ${listening.url} (${token ? 'token required' : 'no token'}). Ctrl-C stops it.`,
        '# Paste into a shell:',
        ...envLines('sh', { url: listening.url, token: hint, caFile }),
        '',
      ].join('\n'),
    );
  }
  const signal = await stopped;
  await service.server.stop();
  io.stderr(`# stopped (${signal})\n`);
  return 0;
}
