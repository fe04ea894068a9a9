// `roletray serve` and the command line as one system: the commands find serve through the
// configuration directory, and what they change applies to it at once. Real processes throughout:
// the built CLI, serve, the AWS CLI and the JS SDK reading what serve serves.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLI, isolatedAwsEnv } from '../test-support/aws-env';
import { makeCreds, putBody } from '../test-support/credentials';
import { CLI, roletray, startServe, type Served } from '../test-support/roletray-cli';
import { startFederationStandin } from '../test-support/federation-standin';
import { sdkCredentials } from '../test-support/sdk-child';

/** A PATH where `roletray` is the built command, as after `npm link`: what the printed lines call. */
function pathWithRoletray(): string {
  const bin = mkdtempSync(join(tmpdir(), 'roletray-bin-'));
  symlinkSync(CLI, join(bin, 'roletray'));
  return `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`;
}

/** Pastes `lines` into sh, as a person would, then runs the AWS CLI there: the credentials it would sign with. */
function awsAfterPasting(lines: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; creds?: Record<string, string>; stderr: string }> {
  const script = `${lines.join('\n')}\nexec ${AWS_CLI} configure export-credentials --format process`;
  return new Promise((resolve) => {
    execFile('sh', ['-c', script], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stderr, ...(code === 0 ? { creds: JSON.parse(stdout) as Record<string, string> } : {}) });
    });
  });
}

/** The `export`/`unset` lines of a block of output (serve's stdout, or the commented lines `ssl` prints on stderr). */
const shellLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.replace(/^#\s+/, ''))
    .filter((l) => /^(export|unset) /.test(l));

describe('serve and the command line on one configuration directory', () => {
  let configDir: string;
  let served: Served;
  let env: NodeJS.ProcessEnv;
  const path = pathWithRoletray();
  const loaded = makeCreds();

  beforeAll(async () => {
    configDir = mkdtempSync(join(tmpdir(), 'roletray-owner-'));
    env = { ...isolatedAwsEnv(), ROLETRAY_CONFIG_DIR: configDir, PATH: path };
    // A token saved before the first start, with no token file: the printed lines must fetch it with a command.
    expect((await roletray(['auth', '--generate'], env)).code).toBe(0);
    served = await startServe(['--port', '0'], env);
  });
  afterAll(() => served.stop());

  it('prints a token line a shell runs, never a placeholder', () => {
    expect(served.stdout()).toContain(`export AWS_CONTAINER_AUTHORIZATION_TOKEN="$(roletray auth --show --config-dir ${configDir})"`);
    expect(served.stdout()).not.toContain('<');
  });

  it('needs no flags: load and list reach serve through the directory', async () => {
    const creds = loaded;
    const file = join(configDir, '..', `${Date.now()}-creds.json`);
    writeFileSync(file, JSON.stringify(putBody('dev:Admin', creds)));
    expect(await roletray(['load', '--creds-file', file], env)).toMatchObject({ code: 0, stdout: 'Loaded dev:Admin into the default slot.\n' });
    const list = await roletray(['list'], env);
    expect(list.stdout).toMatch(/^SLOT\s+PROFILE\s+ACCOUNT\s+ROLE\s+EXPIRES\n\(default\)\s+dev:Admin\s+012345678901\s+Admin\s+(59m|1h)\n$/);
    const aws = await awsAfterPasting(shellLines(served.stdout()), env);
    expect(aws.creds?.AccessKeyId).toBe(creds.accessKeyId);
  });

  it('console and credential-process take the slot from serve too, and --json is machine-readable for both', async () => {
    const federation = await startFederationStandin();
    try {
      const printed = await roletray(['console', '--print', '--json'], { ...env, ROLETRAY_FEDERATION_URL: federation.url });
      expect(printed.code).toBe(0);
      expect(new URL((JSON.parse(printed.stdout) as { url: string }).url).searchParams.get('SigninToken')).toBe(federation.tokens.at(-1));
    } finally {
      await federation.close();
    }
    const process = JSON.parse((await roletray(['credential-process', '--json'], env)).stdout) as Record<string, unknown>;
    expect(process).toMatchObject({ Version: 1, AccessKeyId: loaded.accessKeyId });
    const empty = await roletray(['credential-process', '--slot', 'nothing', '--json'], env);
    expect(empty).toMatchObject({ code: 1, stderr: '{"error":"slot \\"nothing\\" has no usable credentials (load them: roletray load --slot nothing ..., or -p nothing to load the role of that name)"}\n' });
  });

  it('a second serve on the directory is refused, naming the one that runs', async () => {
    const second = await roletray(['serve', '--port', '0'], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(
      `roletray serve: \`roletray serve\` (pid ${served.child.pid}) already holds the configuration directory ${configDir}. Stop it first (the command line works with either), or serve another directory (--config-dir D).\n`,
    );
  });

  it('auth --generate applies at once: the old token is refused, and the lines serve printed work again when pasted', async () => {
    const before = (await roletray(['auth', '--show'], env)).stdout.trim();
    const rotated = await roletray(['auth', '--generate'], env);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain(`export AWS_CONTAINER_AUTHORIZATION_TOKEN="$(roletray auth --show --config-dir ${configDir})"`);
    expect(rotated.stderr).toBe('# The running RoleTray uses it now.\n');
    const after = (await roletray(['auth', '--show'], env)).stdout.trim();
    expect(after).not.toBe(before);
    const stale = await awsAfterPasting([...shellLines(served.stdout()), `export AWS_CONTAINER_AUTHORIZATION_TOKEN='${before}'`], env);
    expect(stale.code).not.toBe(0);
    expect((await awsAfterPasting(shellLines(served.stdout()), env)).code).toBe(0);
    expect((await roletray(['list', '--json'], env)).code).toBe(0);
  });

  it('ssl generate applies at once: list still works with no flags, and the JS SDK works with the lines ssl printed', async () => {
    const generated = await roletray(['ssl', 'generate'], env);
    expect(generated.code).toBe(0);
    expect(generated.stderr).toContain(`# The running RoleTray now serves https://127.0.0.1:${served.port}/; its clients use:`);
    expect((await roletray(['list'], env)).stdout).toContain('dev:Admin');
    const lines = shellLines(generated.stderr);
    expect(lines).toContain(`export NODE_EXTRA_CA_CERTS='${join(configDir, 'roletray-ca.pem')}'`);
    // The JS SDK takes the variables as the shell leaves them after the lines.
    const shellEnv = await new Promise<string>((resolve, reject) =>
      execFile('sh', ['-c', `${lines.join('\n')}\nenv -0`], { env }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
    );
    const vars = Object.fromEntries(shellEnv.split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
    const sdk = await sdkCredentials('http', isolatedAwsEnv(Object.fromEntries(Object.entries(vars).filter(([k]) => k.startsWith('AWS_') || k === 'NODE_EXTRA_CA_CERTS'))));
    expect(sdk).toMatchObject({ ok: true, accessKeyId: loaded.accessKeyId });

    const wrongScheme = await roletray(['list', '--server', `127.0.0.1:${served.port}`], env);
    expect(wrongScheme.stderr).toBe(
      `roletray list: cannot reach the server at http://127.0.0.1:${served.port}/: it speaks https, not http: give --server https://127.0.0.1:${served.port} and --ca-file F with its CA (\`roletray ssl print\` prints a RoleTray's)\n`,
    );
    const untrusted = await roletray(['list', '--server', `https://127.0.0.1:${served.port}`], env);
    expect(untrusted.stderr).toMatch(/^roletray list: cannot reach the server at https:\/\/127\.0\.0\.1:\d+\/: its certificate is not trusted \(self-signed certificate in certificate chain\): give --ca-file F with the CA that issued it/);
    expect((await roletray(['ssl', 'delete'], env)).code).toBe(0);
    const plain = await roletray(['list', '--server', `https://127.0.0.1:${served.port}`], env);
    expect(plain.stderr).toBe(`roletray list: cannot reach the server at https://127.0.0.1:${served.port}/: it speaks plain http, not https: give --server http://127.0.0.1:${served.port}\n`);
  });

  it('load --slot keeps the profile name; unloading an empty slot answers alike for the default and a named slot', async () => {
    const creds = makeCreds();
    const fromEnv = {
      ...env,
      AWS_ACCESS_KEY_ID: creds.accessKeyId,
      AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
      AWS_SESSION_TOKEN: creds.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: new Date(creds.expiration).toISOString(),
    };
    expect((await roletray(['load', '--from-env', '--slot', 'work', '-p', 'X', '-A', '012345678901', '-R', 'Admin'], fromEnv)).stdout).toBe('Loaded X into slot "work".\n');
    expect((await roletray(['list'], env)).stdout).toMatch(/\nwork\s+X\s+012345678901\s+Admin\s/);
    expect(await roletray(['unload', '--slot', 'work', '--slot', 'never-loaded'], env)).toMatchObject({ code: 0, stdout: 'Unloaded slot "work".\nSlot "never-loaded" was already empty.\n' });
    expect(await roletray(['unload'], env)).toMatchObject({ code: 0, stdout: 'Unloaded the default slot.\n' });
    expect(await roletray(['unload'], env)).toMatchObject({ code: 0, stdout: 'The default slot was already empty.\n' });
    expect(await roletray(['unload', '--slot', 'never-loaded', '--json'], env)).toMatchObject({ code: 0, stdout: '{"unloaded":[],"alreadyEmpty":["never-loaded"]}\n' });
  });
});

describe('what a person is told', () => {
  const home = mkdtempSync(join(tmpdir(), 'roletray-home-'));
  const env = (configDir = mkdtempSync(join(tmpdir(), 'roletray-none-'))) => ({ ...isolatedAwsEnv(), HOME: home, ROLETRAY_CONFIG_DIR: configDir });

  it('with nothing running, a command that needs a server says so, in one line or as JSON', async () => {
    const text = await roletray(['list'], env());
    expect(text).toMatchObject({ code: 1, stderr: 'roletray list: RoleTray is not running: start the app or `roletray serve`, or give --server HOST:PORT for another server\n' });
    const json = await roletray(['list', '--json'], env());
    expect(json).toMatchObject({ code: 1, stderr: '{"error":"RoleTray is not running: start the app or `roletray serve`, or give --server HOST:PORT for another server"}\n' });
    const usage = await roletray(['load', '--bogus', '--json'], env());
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stderr)).toEqual({ error: "Unknown option '--bogus' (try roletray load --help)" });
  });

  it('checks an account id and a start URL before asking AWS, and leaves no registration behind', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'roletray-none-'));
    const account = await roletray(['load', '-A', '12345', '-R', 'Admin'], env(configDir));
    expect(account).toMatchObject({ code: 2, stderr: 'roletray load: --account must be a 12-digit AWS account id, not "12345"\n' });
    const login = await roletray(['login', '--start-url', 'http://127.0.0.1:9/start', '--region', 'eu-west-1'], env(configDir));
    expect(login).toMatchObject({
      code: 2,
      stderr: 'roletray login: --start-url: the start URL must be an https URL such as https://my-org.awsapps.com/start, not "http://127.0.0.1:9/start"\n',
    });
    expect(existsSync(join(configDir, 'secrets')) ? readdirSync(join(configDir, 'secrets')) : []).toEqual([]);
  });

  it('expands a ~ that no shell expanded, and refuses ~user instead of making a folder of that name', async () => {
    const creds = join(home, 'creds.json');
    writeFileSync(creds, JSON.stringify(putBody('tilde', makeCreds())));
    const configDir = join(home, 'cfg');
    expect((await roletray(['auth', '--generate', '--config-dir=~/cfg'], env())).code).toBe(0);
    expect(readdirSync(configDir)).toContain('secrets');
    expect(existsSync(join(process.cwd(), '~'))).toBe(false);
    const served = await startServe(['--port', '0', '--config-dir=~/cfg'], env());
    try {
      expect((await roletray(['load', '--creds-file=~/creds.json'], env(configDir))).stdout).toBe('Loaded tilde into the default slot.\n');
      expect((await roletray(['load', '--creds-file=~nobody/creds.json'], env(configDir))).stderr).toBe(
        'roletray load: --creds-file: "~nobody/creds.json" starts with ~user, which RoleTray does not expand; give the full path\n',
      );
    } finally {
      await served.stop();
    }
  });
});
