import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../secrets/secret-store';
import { recordingIo } from './cli-test-io';
import { login, roles, SSO_HELP, ssoPutBody, type SsoCliDeps } from './sso-commands';

// The flows against a live service are in e2e/sso-cli.test.ts; these are the ones that must fail before any request.

const home = () => mkdtempSync(join(tmpdir(), 'roletray-sso-cli-'));
const env = () => {
  const h = home();
  return { HOME: h, ROLETRAY_CONFIG_DIR: join(h, 'cfg'), AWS_CONFIG_FILE: join(h, 'none') };
};
const deps: SsoCliDeps = { openSecrets: () => new MemorySecretStore(), endpoint: 'http://127.0.0.1:9' };

describe('SSO commands before any request', () => {
  it('print their help', async () => {
    const a = recordingIo(env());
    expect(await login(['--help'], a, deps)).toBe(0);
    expect(a.out).toBe(SSO_HELP.login);
    const b = recordingIo(env());
    expect(await roles(['-h'], b, deps)).toBe(0);
    expect(b.out).toBe(SSO_HELP.roles);
  });

  it('refuse half-given instances with a usage error (exit 2)', async () => {
    await expect(login(['--region', 'eu-west-1'], recordingIo(env()), deps)).rejects.toMatchObject({ exitCode: 2, message: '--region goes with --start-url' });
    await expect(login(['--start-url', 'https://x.awsapps.com/start'], recordingIo(env()), deps)).rejects.toMatchObject({ exitCode: 2 });
  });

  it('say how to sign in when nobody has', async () => {
    await expect(roles([], recordingIo(env()), deps)).rejects.toMatchObject({ exitCode: 1, message: 'not signed in (run: roletray login)' });
    await expect(ssoPutBody({ arn: 'arn:aws:iam::123456789012:role/Admin' }, recordingIo(env()), deps)).rejects.toThrow(/not signed in/);
  });

  it('reject a malformed role before asking anyone', async () => {
    await expect(ssoPutBody({ arn: 'not-an-arn' }, recordingIo(env()), deps)).rejects.toMatchObject({ exitCode: 2 });
    await expect(ssoPutBody({}, recordingIo(env()), deps)).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/which role/) });
  });
});
