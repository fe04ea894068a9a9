import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../main/secrets/secret-store';
import { createCredentialService, type CredentialService } from '../main/server/service';
import { TokenService } from '../main/token/token-service';
import { awsCliCredentials } from '../test-support/aws-cli';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { makeCreds, putBody } from '../test-support/credentials';
import { buildGoClients, goCredentials, type GoSdk } from '../test-support/go-sdk';
import { rawRequest } from '../test-support/http';
import { roletray, startServe, type Served } from '../test-support/roletray-cli';
import { sdkCredentials } from '../test-support/sdk-child';
import { botocoreCredentials } from '../test-support/tls-botocore';

describe('the bearer token, changed while the server runs', () => {
  let service: CredentialService;
  let tokens: TokenService;
  let tokenFile: string;
  let port: number;
  const creds = makeCreds();

  beforeAll(async () => {
    tokenFile = join(await mkdtemp(join(tmpdir(), 'roletray-token-e2e-')), 'token');
    service = createCredentialService();
    tokens = new TokenService({ secrets: new MemorySecretStore(), token: service.token, tokenFile: () => tokenFile });
    port = (await service.server.apply({ port: 0 })).port;
    service.slots.load('', { profileName: 'dev:Admin', credentials: creds });
  });
  afterAll(() => service.server.stop());

  const get = (authorization?: string) => rawRequest(port, { headers: authorization === undefined ? {} : { authorization } });

  it('accepts the raw and the Bearer form, and the next request after a rotation needs the new token', async () => {
    const first = await tokens.generate();
    expect((await get()).status).toBe(403);
    expect((await get(first)).status).toBe(200);
    expect((await get(`Bearer ${first}`)).status).toBe(200);

    const second = await tokens.generate();
    expect((await get(first)).status).toBe(403);
    expect((await get(`Bearer ${second}`)).status).toBe(200);
    expect((await get(second)).json).toMatchObject({ AccessKeyId: creds.accessKeyId });
    expect(service.server.status()).toMatchObject({ listening: true, auth: true, port });
  });

  it('botocore reads the token file (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE), also after a rotation', async () => {
    const env = isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/`, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile });
    await tokens.set('users-own-token-0123456789');
    expect(await readFile(tokenFile, 'utf8')).toBe('users-own-token-0123456789');
    expect(await botocoreCredentials(env)).toEqual({ ok: true, accessKeyId: creds.accessKeyId });
    await tokens.generate();
    expect(await botocoreCredentials(env)).toEqual({ ok: true, accessKeyId: creds.accessKeyId });
    const stale = isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/`, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'users-own-token-0123456789' });
    expect((await botocoreCredentials(stale)).ok).toBe(false);
  });

  it('deleting the token turns auth off for the next request, slots untouched', async () => {
    await tokens.delete();
    expect((await get()).status).toBe(200);
    expect(service.server.status().auth).toBe(false);
  });
});

/** The developer's environment without ROLETRAY_* variables, with its own configuration directory. */
function serveEnv(configDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('ROLETRAY_')) env[key] = value;
  return { ...env, ROLETRAY_CONFIG_DIR: configDir };
}

/** The shell lines `serve` prints for pasting (every line that is not a comment). */
const printedLines = (stdout: string) => stdout.split('\n').filter((l) => l !== '' && !l.startsWith('#'));

/** The environment a shell is left with after the lines are pasted into it, starting from `base`. */
function envAfter(lines: string[], base: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  const script = `${lines.join('\n')}\nexec "$0" -e 'process.stdout.write(JSON.stringify(process.env))'`;
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', script, process.execPath], { env: base }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as NodeJS.ProcessEnv)));
  });
}

/** A command run as the unprivileged user `nobody`: another local user of this machine. */
function asNobody(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('runuser', ['-u', 'nobody', '--', ...args], { timeout: 20_000 }, (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
  });
}
const isRoot = process.getuid?.() === 0;

describe('roletray serve, first start: a token in the secret store and the token file, and lines every client follows', () => {
  const creds = makeCreds();
  let configDir: string;
  let tokenFile: string;
  let served: Served;
  let go: Record<GoSdk, string>;

  beforeAll(async () => {
    configDir = mkdtempSync(join(tmpdir(), 'roletray-first-start-'));
    tokenFile = join(configDir, 'token');
    served = await startServe(['--port', '0'], serveEnv(configDir));
    const put = await rawRequest(served.port, {
      method: 'PUT',
      headers: { authorization: readFileSync(tokenFile, 'utf8'), 'content-type': 'application/json' },
      body: JSON.stringify(putBody('dev:Admin', creds)),
    });
    expect(put.status).toBe(200);
    go = await buildGoClients();
  }, 120_000);
  afterAll(() => served?.stop());

  it('generates the token, keeps it encrypted, writes <config dir>/token (0600, no newline, never "-" first) and prints the lines that read it', async () => {
    const token = readFileSync(tokenFile, 'utf8');
    expect(token).toMatch(/^[A-Za-f][A-Za-z0-9_-]{42}$/);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect((await roletray(['auth', '--show'], serveEnv(configDir))).stdout).toBe(`${token}\n`);
    expect(served.stdout()).toContain(`listening on ${served.url} (token required)`);
    expect(printedLines(served.stdout())).toEqual([
      'unset AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      `export AWS_CONTAINER_CREDENTIALS_FULL_URI='${served.url}'`,
      `export AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE='${tokenFile}'`,
      `export AWS_CONTAINER_AUTHORIZATION_TOKEN="$(cat '${tokenFile}')"`,
    ]);
    expect(served.stdout() + served.stderr()).not.toContain(token);
    expect((await rawRequest(served.port, {})).status).toBe(403);
    expect(JSON.parse((await roletray(['auth', '--json'], serveEnv(configDir))).stdout)).toEqual({ auth: true, tokenFile });
  });

  const clients: [string, (env: NodeJS.ProcessEnv) => Promise<{ ok?: boolean; accessKeyId?: string }>][] = [
    ['the AWS CLI v2', async (env) => ({ accessKeyId: (await awsCliCredentials(env)).creds?.AccessKeyId })],
    ['the AWS SDK for JavaScript v3', (env) => sdkCredentials('http', env)],
    ['botocore', botocoreCredentials],
    ['the AWS SDK for Go v1', (env) => goCredentials(go.v1, env)],
    ['the AWS SDK for Go v2', (env) => goCredentials(go.v2, env)],
  ];
  it.each(clients)('%s gets the credentials with the printed lines, and nothing without the token', async (_name, ask) => {
    const env = await envAfter(printedLines(served.stdout()), isolatedAwsEnv());
    expect(env.AWS_CONTAINER_AUTHORIZATION_TOKEN).toBe(readFileSync(tokenFile, 'utf8'));
    expect(await ask(env)).toMatchObject({ accessKeyId: creds.accessKeyId });
    const without = isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: served.url });
    expect((await ask(without)).accessKeyId).toBeUndefined();
  });

  it.skipIf(!isRoot)('another local user (nobody) can read neither the token file nor the credentials', async () => {
    const cat = await asNobody(['cat', tokenFile]);
    expect(cat.code).not.toBe(0);
    expect(cat.stderr).toMatch(/Permission denied/);
    const curl = await asNobody(['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', served.url]);
    expect(curl.stdout).toBe('403');
  });
});

describe('roletray serve without a token: only when told, and said at every start', () => {
  const creds = makeCreds();

  it('--no-token (this run) and the auth setting "none" both serve any local user, and both say so', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'roletray-no-token-'));
    for (const [args, settings] of [[['--no-token'], undefined], [[], { version: 2, auth: 'none' }]] as const) {
      if (settings) writeFileSync(join(configDir, 'settings.json'), JSON.stringify(settings));
      const served = await startServe(['--port', '0', ...args], serveEnv(configDir));
      try {
        expect(served.stdout()).toContain(`listening on ${served.url} (no token: any local user can read these credentials)`);
        expect(printedLines(served.stdout()).join('\n')).not.toContain('AWS_CONTAINER_AUTHORIZATION_TOKEN');
        await expect.poll(() => served.stderr()).toContain(
          'warning: The credential server requires no bearer token, so any local user or program can read the credentials it serves. Turn the token on to stop that.\n',
        );
        expect(existsSync(join(configDir, 'token'))).toBe(false);
        const put = await rawRequest(served.port, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(putBody('dev:Admin', creds)) });
        expect(put.status).toBe(200);
        if (isRoot) {
          const curl = await asNobody(['curl', '-s', served.url]);
          expect(JSON.parse(curl.stdout)).toMatchObject({ AccessKeyId: creds.accessKeyId });
        }
      } finally {
        expect(await served.stop()).toBe(0);
      }
    }
  });

  it('refuses --no-token together with --token-file', async () => {
    const run = await roletray(['serve', '--port', '0', '--no-token', '--token-file', '/dev/null'], serveEnv(mkdtempSync(join(tmpdir(), 'roletray-no-token-'))));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^roletray serve: --no-token and --token-file exclude each other/);
  });
});
