import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { awsCliCredentials } from '../test-support/aws-cli';
import { makeCreds, putBody } from '../test-support/credentials';
import { roletray, startServe, type Served } from '../test-support/roletray-cli';

const TOKEN = 'cli-e2e-token-0123456789abcd';
const dir = mkdtempSync(join(tmpdir(), 'roletray-cli-'));
const tokenFile = join(dir, 'token');
writeFileSync(tokenFile, TOKEN, { mode: 0o600 });

describe('roletray serve + load/list/profile/unload', () => {
  let served: Served;
  let clientEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    // The commands find serve through its configuration directory: no port, token or CA to pass.
    const configDir = mkdtempSync(join(tmpdir(), 'roletray-cli-config-'));
    served = await startServe(['--port', '0', '--token-file', tokenFile], { ...process.env, ROLETRAY_CONFIG_DIR: configDir });
    clientEnv = { ...isolatedAwsEnv(), ROLETRAY_CONFIG_DIR: configDir };
  });
  afterAll(() => served.stop());

  it('prints the URL and the exact lines to paste into a shell, without the token itself', () => {
    const out = served.stdout();
    expect(out).toContain(`export AWS_CONTAINER_CREDENTIALS_FULL_URI='${served.url}'`);
    expect(out).toContain(`export AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE='${tokenFile}'`);
    expect(out).toContain(`export AWS_CONTAINER_AUTHORIZATION_TOKEN="$(cat '${tokenFile}')"`);
    expect(out).toContain('unset AWS_CONTAINER_CREDENTIALS_RELATIVE_URI');
    expect(out).not.toContain(TOKEN);
  });

  it('round-trips: load from a file and from AWS_* variables (--from-env), list, profile, the AWS CLI uses them, unload', async () => {
    const credsFile = join(dir, 'creds.json');
    const fileCreds = makeCreds({ accountId: 12345678901 });
    writeFileSync(credsFile, JSON.stringify(putBody('dev:Admin', fileCreds)));
    const loaded = await roletray(['load', '--creds-file', credsFile], clientEnv);
    expect(loaded).toMatchObject({ code: 0, stdout: 'Loaded dev:Admin into the default slot.\n' });

    const envCreds = makeCreds();
    const fromEnv = await roletray(['load', '--from-env', '--slotted', '-p', 'ops', '-A', '210987654321', '-R', 'Deploy'], {
      ...clientEnv,
      AWS_ACCESS_KEY_ID: envCreds.accessKeyId,
      AWS_SECRET_ACCESS_KEY: envCreds.secretAccessKey,
      AWS_SESSION_TOKEN: envCreds.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: new Date(envCreds.expiration).toISOString(),
    });
    expect(fromEnv).toMatchObject({ code: 0, stdout: 'Loaded ops into slot "ops".\n' });

    const stdinCreds = makeCreds();
    const fromStdin = await roletray(
      ['load', '--creds-file', '-', '--slot', 'piped', '--arn', 'arn:aws:iam::111122223333:role/path/Piper'],
      clientEnv,
      JSON.stringify({ Creds: stdinCreds }),
    );
    expect(fromStdin.code).toBe(0);

    const list = await roletray(['list'], clientEnv);
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^SLOT\s+PROFILE\s+ACCOUNT\s+ROLE\s+EXPIRES$/);
    expect(lines[1]).toMatch(/^\(default\)\s+dev:Admin\s+012345678901\s+Admin\s+(59m|1h)$/);
    expect(lines[2]).toMatch(/^ops\s+ops\s+210987654321\s+Deploy\s+/);
    expect(lines[3]).toMatch(/^piped\s+piped\s+111122223333\s+Piper\s+/);

    const json = JSON.parse((await roletray(['list', '--json'], clientEnv)).stdout);
    expect(json.default.ProfileName).toBe('dev:Admin');
    expect(json.slots.map((s: { ProfileName: string }) => s.ProfileName)).toEqual(['ops', 'piped']);

    expect((await roletray(['profile'], clientEnv)).stdout).toBe('dev:Admin\n');
    expect((await roletray(['profile', '--slot', 'ops', '--json'], clientEnv)).stdout).toContain('"RoleName":"Deploy"');

    const aws = await awsCliCredentials(
      isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${served.url}slot/ops`, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN }),
    );
    expect(aws.creds?.SecretAccessKey).toBe(envCreds.secretAccessKey);

    expect((await roletray(['unload', '--slotted', '-p', 'ops'], clientEnv)).stdout).toBe('Unloaded slot "ops".\n');
    expect(await roletray(['unload'], clientEnv)).toMatchObject({ code: 0, stdout: 'Unloaded the default slot.\n' });
    const profile = await roletray(['profile'], clientEnv);
    expect(profile.code).toBe(1);
    expect(profile.stderr).toBe('roletray profile: no credentials loaded in the default slot\n');
    expect((await roletray(['unload', '--all'], clientEnv)).code).toBe(0);
    expect((await roletray(['list'], clientEnv)).stdout).toBe('No credentials loaded.\n');
  });

  it('says what is wrong, in one line, and loads nothing on bad input', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"Creds": ');
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ Creds: makeCreds() }));
    const cases: [string[], NodeJS.ProcessEnv, RegExp, number][] = [
      [['load', '--creds-file', bad], clientEnv, /bad\.json is not valid JSON/, 1],
      [['load', '--creds-file', join(dir, 'missing.json')], clientEnv, /no such file/, 1],
      [['load'], clientEnv, /which role\? give --profile NAME/, 2],
      [['load', '-p', 'dev:Admin'], { ...clientEnv, AWS_ACCESS_KEY_ID: 'ASIAIGNOREDIGNORED', AWS_SECRET_ACCESS_KEY: 'x' }, /not signed in to IAM Identity Center \(run: roletray login\)/, 1],
      [['load', '--creds-file', '-'], clientEnv, /standard input is not valid JSON/, 1],
      [['load', '--arn', 'nonsense', '--creds-file', good], clientEnv, /--arn must be a role ARN/, 2],
      [['load', '--bogus'], clientEnv, /Unknown option '--bogus'/, 2],
      [['profile', '--server', `127.0.0.1:${served.port}`], { ...clientEnv, ROLETRAY_TOKEN: 'wrong-token-0123456789' }, /403: Invalid authorization token \(this command sent the token from \$ROLETRAY_TOKEN; give that server's token with --token-file F or \$ROLETRAY_TOKEN/, 1],
      [['list', '--server', '127.0.0.1:1'], clientEnv, /cannot reach the server at http:\/\/127\.0\.0\.1:1\/: nothing is listening/, 1],
      [['frobnicate'], clientEnv, /unknown command "frobnicate"/, 2],
    ];
    for (const [args, env, message, code] of cases) {
      const run = await roletray(args, env, '{');
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.code, args.join(' ')).toBe(code);
    }
    const expired = join(dir, 'expired.json');
    writeFileSync(expired, JSON.stringify(putBody('old', makeCreds({ expiration: Date.now() - 1000 }))));
    expect((await roletray(['load', '--creds-file', expired], clientEnv)).stderr).toMatch(/already expired/);
    expect((await roletray(['list', '--json'], clientEnv)).stdout).toBe('{"default":null,"slots":[]}\n');
  });

  it('has --help for every command', async () => {
    for (const command of ['serve', 'list', 'profile', 'load', 'unload', 'login', 'roles', 'auth', 'ssl', 'exec', 'console', 'credential-process']) {
      const run = await roletray([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: roletray ${command}`));
    }
    expect((await roletray(['--help'])).stdout).toMatch(/serve\s+run the credential server/);
  });
});

describe('roletray serve failures and shutdown', () => {
  it('exits 1 naming the port when it is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const run = await roletray(['serve', '--port', String(port)]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use.*--port`));
    } finally {
      blocker.close();
    }
  });

  it.each([
    [['--port', '70000'], /port must be a number from 0 to 65535/, 2],
    [['--token-file', '/nonexistent/token'], /cannot read token file \/nonexistent\/token: no such file/, 1],
    [['--tls-cert', '/nonexistent/cert.pem'], /--tls-cert and --tls-key go together/, 2],
  ])('refuses %j with a clear message', async (args, message, code) => {
    const run = await roletray(['serve', ...args]);
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(code);
  });

  it('refuses a short token and a bad certificate', async () => {
    const short = join(dir, 'short');
    writeFileSync(short, 'abc');
    expect((await roletray(['serve', '--port', '0', '--token-file', short])).stderr).toMatch(/at least 16 characters/);
    const cert = join(dir, 'cert.pem');
    writeFileSync(cert, '-----BEGIN CERTIFICATE-----\nnonsense\n-----END CERTIFICATE-----\n');
    expect((await roletray(['serve', '--port', '0', '--tls-cert', cert, '--tls-key', cert])).stderr).toMatch(
      /not a PEM X\.509 certificate/,
    );
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('stops cleanly on %s', async (signal) => {
    const served = await startServe(['--port', '0']);
    expect(await served.stop(signal)).toBe(0);
  });
});
