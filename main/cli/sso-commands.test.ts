import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../secrets/secret-store';
import type { CliIo } from './io';
import { login, roles, SSO_HELP, ssoPutBody, type SsoCliDeps } from './sso-commands';

// The flows against a live service are in e2e/sso-cli.test.ts; these are the ones that must fail before any request.

function io(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const value: CliIo = { env, stdout: (t) => void out.push(t), stderr: () => undefined, readStdin: async () => '', stopSignal: () => new Promise(() => undefined) };
  return { io: value, out: () => out.join('') };
}

const home = () => mkdtempSync(join(tmpdir(), 'roletray-sso-cli-'));
const env = () => {
  const h = home();
  return { HOME: h, ROLETRAY_CONFIG_DIR: join(h, 'cfg'), AWS_CONFIG_FILE: join(h, 'none') };
};
const deps: SsoCliDeps = { openSecrets: () => new MemorySecretStore(), endpoint: 'http://127.0.0.1:9' };

describe('SSO commands before any request', () => {
  it('print their help', async () => {
    const a = io(env());
    expect(await login(['--help'], a.io, deps)).toBe(0);
    expect(a.out()).toBe(SSO_HELP.login);
    const b = io(env());
    expect(await roles(['-h'], b.io, deps)).toBe(0);
    expect(b.out()).toBe(SSO_HELP.roles);
  });

  it('refuse half-given instances with a usage error (exit 2)', async () => {
    await expect(login(['--region', 'eu-west-1'], io(env()).io, deps)).rejects.toMatchObject({ exitCode: 2, message: '--region goes with --start-url' });
    await expect(login(['--start-url', 'https://x.awsapps.com/start'], io(env()).io, deps)).rejects.toMatchObject({ exitCode: 2 });
  });

  it('say how to sign in when nobody has', async () => {
    await expect(roles([], io(env()).io, deps)).rejects.toMatchObject({ exitCode: 1, message: 'not signed in (run: roletray login)' });
    await expect(ssoPutBody({ arn: 'arn:aws:iam::123456789012:role/Admin' }, io(env()).io, deps)).rejects.toThrow(/not signed in/);
  });

  it('reject a malformed role before asking anyone', async () => {
    await expect(ssoPutBody({ arn: 'not-an-arn' }, io(env()).io, deps)).rejects.toMatchObject({ exitCode: 2 });
    await expect(ssoPutBody({}, io(env()).io, deps)).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/which role/) });
  });
});
