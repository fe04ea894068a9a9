import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { READ_WAIT_MS } from '../main/credentials/refresh';
import { servedExpiration } from '../main/credentials/served-expiry';
import { DEFAULT_SETTINGS } from '../main/settings/schema';
import { startHeadlessCore } from '../test-support/app-core-harness';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { rawRequest } from '../test-support/http';
import { sdkCredentials } from '../test-support/sdk-child';
import { standinPerTest } from '../test-support/standin-per-test';
import type { AppCore } from '../main/app/core-types';

/**
 * A laptop that slept: the core as `roletray serve` builds it, with real timers but a clock the
 * test moves on at once, as waking up does. The refresh timer, set for real minutes, never fires,
 * so only the read itself can bring fresh credentials from IAM Identity Center (the stand-in).
 */

const MIN = 60_000;
const TOKEN = 'sleep-token-0123456789abcdef';
const standin = standinPerTest();

let core: AppCore | undefined;
afterEach(async () => {
  await core?.stop();
  core = undefined;
});

/** Signed in to the stand-in, one role (hour-long credentials) loaded into the default slot. */
async function signedInWithRole() {
  let clock = Date.now();
  const sso = await standin({ accounts: 1, rolesPerAccount: 1, interval: 1, roleCredentialTtlSeconds: 3600, now: () => clock });
  core = await startHeadlessCore(mkdtempSync(join(tmpdir(), 'roletray-sleep-')), {
    now: () => clock,
    // The device flow waits between polls; here that wait is the test's clock moving on.
    sleep: async (ms) => void (clock += ms),
    ssoEndpoint: sso.url,
    overrides: { token: TOKEN },
  });
  const c = core;
  const signedIn = new Promise<void>((resolve) => {
    const off = c.subscribe((s) => {
      if (s.sso[0]?.signedIn && s.sso[0].catalogFetchedAt !== undefined) resolve(off());
    });
  });
  expect(await c.ops.signIn({ startUrl: sso.startUrl, region: sso.region })).toEqual({ ok: true, value: undefined });
  await signedIn;
  const roles = await c.ops.listRoles();
  if (!roles.ok) throw new Error(roles.error);
  expect((await c.ops.loadRole({ roleKey: roles.value[0]!.key })).ok).toBe(true);
  return {
    sso,
    url: c.state().server.url!,
    port: c.state().server.port!,
    sleep: (ms: number) => void (clock += ms),
    now: () => clock,
    issued: () => sso.stats.issuedCredentials,
  };
}

describe('credentials after the machine slept', () => {
  it('inside the SDK refresh windows, the AWS SDK for JavaScript gets the new access key in that same request', async () => {
    const t = await signedInWithRole();
    expect(t.issued()).toHaveLength(1);
    const before = t.issued()[0]!;
    // 50 minutes asleep: 10 minutes left, inside botocore's mandatory window; the timer (at 40) did not fire.
    t.sleep(50 * MIN);
    expect(t.issued()).toHaveLength(1);

    const env = isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: t.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN });
    const result = await sdkCredentials('http', env);
    expect(t.issued()).toHaveLength(2);
    const fresh = t.issued()[1]!;
    // The default slot's reads follow a role switch: their Expiration is the nearer one (served-expiry.ts).
    const served = servedExpiration(fresh.expiration, t.now(), DEFAULT_SETTINGS.switchWithinMinutes);
    expect(result).toMatchObject({ ok: true, accessKeyId: fresh.accessKeyId, expiration: new Date(served).toISOString() });
    expect(fresh.accessKeyId).not.toBe(before.accessKeyId);
  });

  it('past expiry with IAM Identity Center slower than the budget: a 404 within the SDK timeout, then the new credentials from the same refresh', async () => {
    const t = await signedInWithRole();
    t.sso.configure({ latencyMs: 1000 }); // more than the budget, less than two
    t.sleep(2 * 60 * MIN);
    const get = () => rawRequest(t.port, { path: '/', headers: { authorization: TOKEN } });

    const startedAt = performance.now();
    const first = await get();
    const waited = performance.now() - startedAt;
    expect(first.status).toBe(404);
    expect(first.json.message).toBe('Credentials in the default slot have expired');
    expect(waited).toBeGreaterThanOrEqual(READ_WAIT_MS - 5);
    expect(waited).toBeLessThan(1000); // fromHttp's timeout

    // The next read waits on the refresh already under way rather than starting another.
    const second = await get();
    expect(second.status).toBe(200);
    expect(t.issued()).toHaveLength(2);
    expect(second.json.AccessKeyId).toBe(t.issued()[1]!.accessKeyId);
    expect(t.sso.stats.requests['GET /federation/credentials']).toBe(2);
  });
});
