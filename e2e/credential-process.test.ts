import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialProcessConfig } from '../main/server/env-lines';
import { login } from '../main/cli/sso-commands';
import { openHeadlessSecretStore } from '../main/secrets/headless-secret-store';
import { isolateAwsEnvironment, startSsoStandin, type SsoStandin } from '../test-support/sso-standin';
import { awsCli } from '../test-support/aws-cli';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { recordingIo } from '../main/cli/cli-test-io';
import { makeCreds, putBody } from '../test-support/credentials';
import { CLI } from '../test-support/roletray-cli';
import { serveWithToken } from '../test-support/serve-with-token';

/** The Debian AWS CLI v2 taking credentials from `credential_process = roletray credential-process ...`. */

const TOKEN = 'process-token-0123456789abcdefgh';
let served: Awaited<ReturnType<typeof serveWithToken>>;
let standin: SsoStandin;
let configDir: string;
const dev = makeCreds({ roleName: 'Dev' });

let restoreEnv: () => void;
beforeAll(async () => {
  served = await serveWithToken(TOKEN);
  const res = await fetch(`${served.url}slot/dev`, { method: 'PUT', headers: { authorization: TOKEN, 'content-type': 'application/json' }, body: JSON.stringify(putBody('dev', dev)) });
  expect(res.status).toBe(200);

  // Signed in to the IAM Identity Center stand-in, in the config directory the command will use.
  restoreEnv = isolateAwsEnvironment();
  let clock = Date.now();
  const now = () => clock;
  standin = await startSsoStandin({ accounts: 2, rolesPerAccount: 2, approval: 'auto', pendingPolls: 1, now });
  configDir = mkdtempSync(join(tmpdir(), 'roletray-config-'));
  const deps = { openSecrets: openHeadlessSecretStore, endpoint: standin.url, now, sleep: async (ms: number) => void (clock += ms) };
  const io = recordingIo({ ROLETRAY_CONFIG_DIR: configDir, HOME: process.env.HOME, AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE });
  expect(await login(['--start-url', standin.startUrl, '--region', standin.region], io, deps)).toBe(0);
});
afterAll(async () => {
  restoreEnv();
  await standin.close();
  await served.stop();
});

const q = (s: string) => `"${s}"`;

/** The AWS CLI's environment: isolated, a config file with `profileLines`, the token and the stand-in for IAM Identity Center. */
function awsEnv(profileLines: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = isolatedAwsEnv({ ROLETRAY_TOKEN: TOKEN, ROLETRAY_CONFIG_DIR: configDir, AWS_ENDPOINT_URL_SSO: standin.url, AWS_ENDPOINT_URL_SSO_OIDC: standin.url, ...extra });
  env.AWS_CONFIG_FILE = join(env.HOME!, 'config');
  writeFileSync(env.AWS_CONFIG_FILE, profileLines);
  return env;
}

const exportCredentials = (env: NodeJS.ProcessEnv, profile: string) => awsCli(['configure', 'export-credentials', '--profile', profile, '--format', 'process'], env);

describe('credential_process = roletray credential-process', () => {
  it('gives the AWS CLI exactly the slot\'s credentials', async () => {
    const env = awsEnv(`[profile x]\ncredential_process = ${q(process.execPath)} ${q(CLI)} credential-process --slot dev --server 127.0.0.1:${served.port}\n`);
    const r = await exportCredentials(env, 'x');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout) as Record<string, string>;
    expect(got).toMatchObject({ Version: 1, AccessKeyId: dev.accessKeyId, SecretAccessKey: dev.secretAccessKey, SessionToken: dev.sessionToken });
    expect(Date.parse(got.Expiration!)).toBe(Math.floor(dev.expiration / 1000) * 1000);
  });

  it('an empty slot is a clean non-zero error from the AWS CLI, with our reason', async () => {
    const env = awsEnv(`[profile x]\ncredential_process = ${q(process.execPath)} ${q(CLI)} credential-process --slot nothing --server 127.0.0.1:${served.port}\n`);
    const r = await exportCredentials(env, 'x');
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('roletray credential-process: slot "nothing" has no usable credentials');
  });

  it('the lines RoleTray gives to paste work as they are, and -p loads an empty slot from IAM Identity Center first', async () => {
    // `roletray` on PATH, as after `npm link` or an install.
    const bin = mkdtempSync(join(tmpdir(), 'roletray-bin-'));
    writeFileSync(join(bin, 'roletray'), `#!/bin/sh\nexec ${q(process.execPath)} ${q(CLI)} "$@"\n`);
    chmodSync(join(bin, 'roletray'), 0o755);
    const account = standin.accounts[1]!;
    const name = `${account.accountId}:${account.roles[0]}`;
    const lines = credentialProcessConfig(name, { server: `127.0.0.1:${served.port}` });
    expect(lines).toBe(`[profile ${name}]\ncredential_process = roletray credential-process -p ${name} --server 127.0.0.1:${served.port}\n`);
    const env = awsEnv(lines);
    env.PATH = `${bin}:${env.PATH}`;

    const r = await exportCredentials(env, name);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const issued = standin.stats.issuedCredentials.at(-1)!;
    expect(JSON.parse(r.stdout)).toMatchObject({ AccessKeyId: issued.accessKeyId });
    // Loaded into the server's slot of that name: the next call is served from it, IAM Identity Center is not asked again.
    const slot = await fetch(`${served.url}slot/${encodeURIComponent(name)}`, { headers: { authorization: TOKEN } });
    expect(((await slot.json()) as { AccessKeyId: string }).AccessKeyId).toBe(issued.accessKeyId);
    const asked = standin.stats.requests['GET /federation/credentials'];
    expect((await exportCredentials(env, name)).code).toBe(0);
    expect(standin.stats.requests['GET /federation/credentials']).toBe(asked);
  });
});
