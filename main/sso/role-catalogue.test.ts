import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../secrets/secret-store';
import { clientsByRegion } from './clients';
import { SignInRequiredError } from '../credentials/errors';
import { FileJsonStore } from './json-store';
import { RoleCatalogue } from './role-catalogue';
import { SsoSessions } from './sso-sessions';
import { TokenCache } from './token-cache';
import type { SsoStandin, StandinOptions } from '../../test-support/sso-standin';
import { standinPerTest } from '../../test-support/standin-per-test';

/** The role catalogue through the real @aws-sdk/client-sso against the stand-in, with real latency. */

describe('role catalogue', () => {
  const startStandin = standinPerTest();

  async function signedIn(options: StandinOptions) {
    const standin = await startStandin(options);
    const cache = new TokenCache(new MemorySecretStore());
    const clientsFor = clientsByRegion(standin.url);
    const sessions = new SsoSessions({ cache, clientsFor, now: Date.now, sleep: async () => undefined });
    const instance = { startUrl: standin.startUrl, region: standin.region };
    const dir = mkdtempSync(join(tmpdir(), 'roletray-catalogue-'));
    // The backoff between tries, asked for and recorded but not slept: the portal's latency is the only real wait.
    const backoffs: number[] = [];
    const catalogue = (store = new FileJsonStore(dir)) =>
      new RoleCatalogue({ sessions, clientsFor, store, now: Date.now, sleep: async (ms) => void backoffs.push(ms), random: () => 0.5 });
    // Sign in at full speed, then give the portal its latency.
    const latency = options.latencyMs ?? 0;
    standin.configure({ latencyMs: 0, throttleRate: 0 });
    await sessions.signIn(instance, () => undefined);
    standin.configure({ latencyMs: latency, throttleRate: options.throttleRate ?? 0 });
    return { standin, sessions, instance, catalogue, dir, backoffs };
  }

  function expectedRoles(s: SsoStandin) {
    return s.accounts.flatMap((a) => a.roles.map((roleName) => `${a.accountId}|${a.accountName}|${roleName}`)).sort();
  }

  it('lists 300 accounts × 3 roles at 50 ms latency, 8 requests at a time; reopens from the saved copy without asking the portal', async () => {
    // How fast is measured by `npm run bench` (e2e/bench/catalogue.ts); here, what and how.
    const CONCURRENCY = 8;
    const t = await signedIn({ accounts: 300, rolesPerAccount: 3, latencyMs: 50 });
    const catalogue = await t.catalogue().refresh(t.instance);
    // 3 account pages (100 each) + 300 role listings, no more.
    expect(t.standin.stats.requests['GET /assignment/accounts']).toBe(3);
    expect(t.standin.stats.requests['GET /assignment/roles']).toBe(300);
    expect(catalogue.roles).toHaveLength(900);
    expect(catalogue.roles.map((r) => `${r.accountId}|${r.accountName}|${r.roleName}`).sort()).toEqual(expectedRoles(t.standin));
    expect(catalogue.roles.every((r) => /^\d{12}$/.test(r.accountId))).toBe(true);
    expect(catalogue.roles.some((r) => r.accountId.startsWith('0'))).toBe(true);
    // Bounded, and the bound is used: the portal saw exactly 8 requests in flight at once.
    expect(t.standin.stats.maxInFlight).toBe(CONCURRENCY);

    // A new start (new objects, same directory) has the list at once, without asking the portal.
    const before = { ...t.standin.stats.requests };
    const reopened = await t.catalogue().cached(t.instance.startUrl);
    expect(reopened?.roles).toEqual(catalogue.roles);
    expect(reopened?.fetchedAt).toBe(catalogue.fetchedAt);
    expect(t.standin.stats.requests).toEqual(before);
  });

  it('retries throttled requests with backoff and still gets every role', async () => {
    const t = await signedIn({ accounts: 120, rolesPerAccount: 3, latencyMs: 5, throttleRate: 0.25, seed: 7 });
    const catalogue = await t.catalogue().refresh(t.instance);
    expect(t.standin.stats.throttled).toBeGreaterThan(20);
    // One wait per refusal: 75 ms (half of 100 ms, plus the jitter at 0.5), doubling for a page refused again.
    expect(t.backoffs).toHaveLength(t.standin.stats.throttled);
    expect(t.backoffs.filter((ms) => ![75, 150, 300, 600, 1200, 2400].includes(ms))).toEqual([]);
    expect(catalogue.roles.map((r) => `${r.accountId}|${r.accountName}|${r.roleName}`).sort()).toEqual(expectedRoles(t.standin));
  });

  it('resumes a paginated listing at the throttled page instead of starting over', async () => {
    const t = await signedIn({ accounts: 250, rolesPerAccount: 1 });
    let throttledOnce = false;
    t.standin.configure({
      // The second page of accounts is refused once.
      throttleWhen: (route, query) => {
        if (route !== 'GET /assignment/accounts' || !query.get('next_token') || throttledOnce) return false;
        throttledOnce = true;
        return true;
      },
    });
    const catalogue = await t.catalogue().refresh(t.instance);
    expect(t.standin.stats.throttled).toBe(1);
    expect(t.backoffs).toEqual([75]);
    // 3 pages of 100, the throttled one twice; the first page is not fetched again.
    expect(t.standin.stats.requests['GET /assignment/accounts']).toBe(4);
    expect(catalogue.roles).toHaveLength(250);
  });

  it('refreshes on demand: a role granted since shows up', async () => {
    const t = await signedIn({ accounts: 4, rolesPerAccount: 1 });
    const catalogue = t.catalogue();
    const first = await catalogue.refresh(t.instance);
    expect(first.roles).toHaveLength(4);
    (t.standin.accounts[2]!.roles as string[]).push('NewlyGranted');
    expect((await catalogue.cached(t.instance.startUrl))!.roles).toHaveLength(4);
    const second = await catalogue.refresh(t.instance);
    expect(second.roles.map((r) => r.roleName)).toContain('NewlyGranted');
    expect(second.fetchedAt).toBeGreaterThanOrEqual(first.fetchedAt);
  });

  it('asks for a new sign-in when the session was revoked', async () => {
    const t = await signedIn({ accounts: 4, rolesPerAccount: 1, refreshTokens: false });
    t.standin.revokeTokens();
    const refresh = t.catalogue().refresh(t.instance);
    await expect(refresh).rejects.toBeInstanceOf(SignInRequiredError);
    await expect(refresh).rejects.toThrow(`sign in to ${t.instance.startUrl} again: the session was ended or has expired`);
    expect(await t.sessions.status(t.instance.startUrl)).toMatchObject({ signedIn: false });
  });
});
