// `roletray doctor`, the built command, against a real `roletray serve`: each finding provoked
// for real (variables set, files written, a port held by another program, a skewed clock at the
// IAM Identity Center stand-in, localhost resolving to ::1 first in a mount namespace of its own).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { makeCreds, putBody } from '../test-support/credentials';
import { freePort } from '../test-support/free-port';
import { CLI, roletray, startServe, type Served } from '../test-support/roletray-cli';
import { startSsoStandin, type SsoStandin } from '../test-support/sso-standin';

interface Finding {
  id: string;
  problem: string;
  fix: string;
}

let standin: SsoStandin;
let served: Served;
let configDir: string;
let token: string;
let clean: NodeJS.ProcessEnv;

beforeAll(async () => {
  standin = await startSsoStandin({ accounts: 1, rolesPerAccount: 1, approval: 'auto', pendingPolls: 0, interval: 1 });
  configDir = mkdtempSync(join(tmpdir(), 'roletray-doctor-'));
  const base = isolatedAwsEnv({ ROLETRAY_CONFIG_DIR: configDir, AWS_ENDPOINT_URL_SSO: standin.url, AWS_ENDPOINT_URL_SSO_OIDC: standin.url });
  served = await startServe(['--port', '0'], base);
  expect((await roletray(['login', '--start-url', standin.startUrl, '--region', standin.region], base)).code).toBe(0);
  token = (await roletray(['auth', '--show'], base)).stdout.trim();
  const file = join(configDir, 'creds.json');
  writeFileSync(file, JSON.stringify(putBody('dev:Admin', makeCreds())));
  expect((await roletray(['load', '--creds-file', file], base)).code).toBe(0);
  clean = { ...base, AWS_CONTAINER_CREDENTIALS_FULL_URI: served.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: token };
});
afterAll(async () => {
  await served?.stop();
  await standin?.close();
});

async function doctor(env: NodeJS.ProcessEnv, args: string[] = []): Promise<{ code: number; findings: Finding[] }> {
  const run = await roletray(['doctor', '--json', ...args], env);
  expect(run.stderr).toBe('');
  return { code: run.code, findings: JSON.parse(run.stdout) as Finding[] };
}

/** The one finding the change provoked, with exit code 1. */
async function onlyFinding(env: NodeJS.ProcessEnv, args: string[] = []): Promise<Finding> {
  const { code, findings } = await doctor(env, args);
  expect(findings.map((f) => f.id)).toHaveLength(1);
  expect(code).toBe(1);
  return findings[0]!;
}

const without = (env: NodeJS.ProcessEnv, ...names: string[]) => Object.fromEntries(Object.entries(env).filter(([k]) => !names.includes(k)));
const homeFile = (env: NodeJS.ProcessEnv, name: string, text: string) => {
  const path = join(env.HOME!, name);
  writeFileSync(path, text);
  return path;
};

describe('roletray doctor', () => {
  it('finds nothing in an environment pointed at RoleTray, and exits 0', async () => {
    expect(await doctor(clean)).toEqual({ code: 0, findings: [] });
    const text = await roletray(['doctor'], clean);
    expect(text).toMatchObject({ code: 0, stdout: 'No problems found: the AWS CLI and the SDKs started from this shell use RoleTray.\n' });
  });

  it('variables that win over the endpoint, each with the line that undoes it', async () => {
    expect(await onlyFinding({ ...clean, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' })).toMatchObject({ id: 'env-access-key', fix: 'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY' });
    expect(await onlyFinding({ ...clean, AWS_PROFILE: 'work' })).toMatchObject({ id: 'env-profile', problem: expect.stringContaining('AWS_PROFILE=work is set'), fix: 'unset AWS_PROFILE' });
    expect(await onlyFinding({ ...clean, AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x' })).toMatchObject({ id: 'env-relative-uri', fix: 'unset AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' });
    expect(await onlyFinding(without(clean, 'AWS_CONTAINER_CREDENTIALS_FULL_URI'))).toMatchObject({ id: 'env-no-full-uri' });
  });

  it('a profile of RoleTray\'s own block is no shadow: choosing it is using RoleTray', async () => {
    const env: NodeJS.ProcessEnv = { ...without(clean, 'AWS_CONTAINER_CREDENTIALS_FULL_URI'), AWS_PROFILE: 'dev:Admin' };
    env.AWS_CONFIG_FILE = homeFile(env, 'config-ours', `# BEGIN ROLETRAY\n[profile dev:Admin]\ncredential_process = ${CLI} credential-process --profile dev:Admin\n# END ROLETRAY\n`);
    expect(await doctor(env)).toEqual({ code: 0, findings: [] });
  });

  it('the active profile with credentials of its own, in the credentials file or the config file', async () => {
    const keys = { ...clean };
    keys.AWS_SHARED_CREDENTIALS_FILE = homeFile(keys, 'credentials-keys', '[default]\r\naws_access_key_id = AKIAEXAMPLE\r\naws_secret_access_key = x\r\n');
    expect(await onlyFinding(keys)).toMatchObject({ id: 'credentials-file-keys', problem: `[default] in ${keys.AWS_SHARED_CREDENTIALS_FILE} has keys: the SDKs and the AWS CLI use them before RoleTray's credentials.` });
    const config = { ...clean };
    config.AWS_CONFIG_FILE = homeFile(config, 'config-process', '[default]\nregion = eu-west-1\ncredential_process = /usr/bin/other\n[profile x]\naws_access_key_id = A\n');
    expect(await onlyFinding(config)).toMatchObject({ id: 'config-file-credentials', fix: `remove credential_process from [default] in ${config.AWS_CONFIG_FILE} (keep region and the like)` });
  });

  it('FULL_URI at another port, the wrong scheme, or not this machine', async () => {
    const port = new URL(served.url).port;
    const other = `http://127.0.0.1:${Number(port) === 65535 ? 65534 : Number(port) + 1}/`;
    expect(await onlyFinding({ ...clean, AWS_CONTAINER_CREDENTIALS_FULL_URI: other })).toMatchObject({ id: 'full-uri-port', fix: `export AWS_CONTAINER_CREDENTIALS_FULL_URI=${served.url}` });
    expect(await onlyFinding({ ...clean, AWS_CONTAINER_CREDENTIALS_FULL_URI: `https://127.0.0.1:${port}/` })).toMatchObject({ id: 'full-uri-scheme', problem: `AWS_CONTAINER_CREDENTIALS_FULL_URI uses https; RoleTray speaks http on port ${port}.` });
    expect(await onlyFinding({ ...clean, AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://0.0.0.0:${port}/` })).toMatchObject({ id: 'full-uri-elsewhere' });
    expect(await onlyFinding({ ...clean, AWS_CONTAINER_CREDENTIALS_FULL_URI: `${served.url}slot/nothing` })).toMatchObject({ id: 'slot-empty', problem: 'The slot at /slot/nothing has no usable credentials: the SDKs get 404.' });
  });

  it('a token that does not match, or none', async () => {
    expect(await onlyFinding({ ...clean, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'not-the-token-0123456789' })).toMatchObject({ id: 'token-mismatch' });
    expect(await onlyFinding(without(clean, 'AWS_CONTAINER_AUTHORIZATION_TOKEN'))).toMatchObject({ id: 'token-missing' });
    // Both forms the server accepts are fine.
    expect((await doctor({ ...clean, AWS_CONTAINER_AUTHORIZATION_TOKEN: `Bearer ${token}` })).findings).toEqual([]);
  });

  it('a token file with a trailing newline, one other users can read, one the AWS CLI v2 does not read', async () => {
    const env = { ...clean };
    const file = homeFile(env, 'token', `${token}\n`);
    chmodSync(file, 0o644);
    env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE = file;
    const { code, findings } = await doctor(env);
    expect(code).toBe(1);
    expect(findings.map((f) => f.id)).toEqual(['token-file-newline', 'token-file-mode']);
    expect(findings[1]).toMatchObject({ problem: `${file} can be read by other users (mode 0644): they can take your role's credentials with it.`, fix: `chmod 600 ${file}` });
    writeFileSync(file, token);
    chmodSync(file, 0o600);
    expect(await onlyFinding(without(env, 'AWS_CONTAINER_AUTHORIZATION_TOKEN'))).toMatchObject({ id: 'token-file-only' });
    expect(await onlyFinding({ ...env, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: join(env.HOME!, 'absent') })).toMatchObject({ id: 'token-file-unreadable' });
  });

  it('the clock against IAM Identity Center\'s', async () => {
    standin.configure({ date: () => Date.now() - 20 * 60_000 });
    try {
      expect(await onlyFinding(clean)).toMatchObject({ id: 'clock-skew', problem: expect.stringContaining('This machine\'s clock is 20 minutes ahead of IAM Identity Center\'s') });
    } finally {
      standin.configure({ date: undefined });
    }
  });

  it('RoleTray\'s port held by another program, and no RoleTray at all', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'roletray-doctor-port-'));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 1, port }));
    const env = { ...clean, ROLETRAY_CONFIG_DIR: dir, AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/` };
    expect(await onlyFinding(env)).toMatchObject({ id: 'not-running', fix: 'start RoleTray (the tray app, or roletray serve)' });
    const holder: ChildProcess = spawn(process.execPath, ['-e', `require('node:http').createServer((q, s) => s.end('hello')).listen(${port}, '127.0.0.1', () => console.log('up'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise((resolve) => holder.stdout!.once('data', resolve));
      expect(await onlyFinding(env)).toMatchObject({ id: 'port-taken', problem: `Another program holds port ${port} on 127.0.0.1, where RoleTray should answer.` });
    } finally {
      holder.kill();
    }
  });

  // A private mount namespace whose /etc/hosts lists ::1 first: the resolver really answers so, for this command only.
  const canUnshare = process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;
  it.skipIf(!canUnshare)('localhost resolving to ::1 first, when FULL_URI names it', async () => {
    const hosts = join(mkdtempSync(join(tmpdir(), 'roletray-hosts-')), 'hosts');
    writeFileSync(hosts, '::1 localhost\n127.0.0.1 localhost\n');
    const env = { ...clean, AWS_CONTAINER_CREDENTIALS_FULL_URI: served.url.replace('127.0.0.1', 'localhost') };
    const run = spawnSync('unshare', ['-m', 'sh', '-c', `mount --bind "$0" /etc/hosts && exec "$@"`, hosts, process.execPath, CLI, 'doctor', '--json'], { env, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    const findings = JSON.parse(run.stdout) as Finding[];
    expect(findings).toEqual([
      {
        id: 'localhost-ipv6-first',
        problem: 'localhost resolves to ::1 first, where RoleTray does not listen: clients that try only the first address fail.',
        fix: `use 127.0.0.1: export AWS_CONTAINER_CREDENTIALS_FULL_URI=${served.url}`,
      },
    ]);
    expect(run.status).toBe(1);
  });
});
