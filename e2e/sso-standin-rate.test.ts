import { ListAccountsCommand } from '@aws-sdk/client-sso';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../main/secrets/secret-store';
import { clientsByRegion } from '../main/sso/clients';
import { SsoSessions } from '../main/sso/sso-sessions';
import { TokenCache } from '../main/sso/token-cache';
import { standinPerTest } from '../test-support/standin-per-test';

/** The stand-in's rate limit, as the real SDK client meets it: the bench's "throttled above 20 requests/s" rests on it. */

describe('the IAM Identity Center stand-in', () => {
  const startStandin = standinPerTest();

  it('refuses portal requests above maxRequestsPerSecond with 429 TooManyRequestsException, and takes more as its bucket refills', async () => {
    let clock = Date.parse('2026-12-01T12:00:00Z');
    const standin = await startStandin({ accounts: 3, now: () => clock });
    const clientsFor = clientsByRegion(standin.url);
    const sessions = new SsoSessions({ cache: new TokenCache(new MemorySecretStore()), clientsFor, now: () => clock, sleep: async (ms) => void (clock += ms) });
    const instance = { startUrl: standin.startUrl, region: standin.region };
    await sessions.signIn(instance, () => undefined);
    standin.configure({ maxRequestsPerSecond: 10, burst: 4 });
    const portal = clientsFor(instance.region).portal;
    const listOnce = () =>
      sessions.withAccessToken(instance, (accessToken) => portal.send(new ListAccountsCommand({ accessToken }))).then(
        () => 'ok',
        (err: { name: string; $metadata?: { httpStatusCode?: number } }) => `${err.$metadata?.httpStatusCode} ${err.name}`,
      );

    // At one moment of its clock: the bucket's 4, then refusals.
    const burst = await Promise.all(Array.from({ length: 10 }, listOnce));
    expect(burst.filter((r) => r === 'ok')).toHaveLength(4);
    expect(burst.filter((r) => r !== 'ok')).toEqual(Array(6).fill('429 TooManyRequestsException'));
    expect(standin.stats).toMatchObject({ throttled: 6, rateLimited: 6 });

    // 300 ms later: 3 more tokens at 10 a second.
    clock += 300;
    const later = await Promise.all(Array.from({ length: 5 }, listOnce));
    expect(later.filter((r) => r === 'ok')).toHaveLength(3);

    // With the bucket empty, the sign-in side (SSO-OIDC) still answers: the limit is the portal's.
    expect(await listOnce()).toBe('429 TooManyRequestsException');
    await expect(sessions.signIn(instance, () => undefined)).resolves.toMatchObject({ accessToken: expect.any(String) });
  });
});
