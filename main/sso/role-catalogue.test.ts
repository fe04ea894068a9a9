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
    const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
    const catalogue = (store = new FileJsonStore(dir), sleep = realSleep) => new RoleCatalogue({ sessions, clientsFor, store, now: Date.now, sleep, random: () => 0.5 });
    // Sign in at full speed, then give the portal its latency.
    const latency = options.latencyMs ?? 0;
    standin.configure({ latencyMs: 0, throttleRate: 0 });
    await sessions.signIn(instance, () => undefined);
    standin.configure({ latencyMs: latency, throttleRate: options.throttleRate ?? 0 });
    return { standin, sessions, instance, catalogue, dir };
  }

  function expectedRoles(s: SsoStandin) {
    return s.accounts.flatMap((a) => a.roles.map((roleName) => `${a.accountId}|${a.accountName}|${roleName}`)).sort();
  }

  function sleepRecorded() {
    // Real sleeps (the limiter's pace and the backoffs), each recorded.
    const slept: number[] = [];
    const sleep = (ms: number) => {
      slept.push(ms);
      return new Promise<void>((r) => setTimeout(r, ms));
    };
    return { slept, sleep };
  }

  it('lists 150 accounts × 3 roles through the pace, one request per listing; reopens from the saved copy without asking the portal', async () => {
    // How fast is measured by `npm run bench` (e2e/bench/catalogue.ts); here, what and how.
    const t = await signedIn({ accounts: 150, rolesPerAccount: 3, latencyMs: 20 });
    const { sleep } = sleepRecorded();
    const catalogue = await t.catalogue(undefined, sleep).refresh(t.instance);
    // 2 account pages (100 each) + 150 role listings, no more.
    expect(t.standin.stats.requests['GET /assignment/accounts']).toBe(2);
    expect(t.standin.stats.requests['GET /assignment/roles']).toBe(150);
    expect(catalogue.roles).toHaveLength(450);
    expect(catalogue.roles.map((r) => `${r.accountId}|${r.accountName}|${r.roleName}`).sort()).toEqual(expectedRoles(t.standin));
    expect(catalogue.roles.every((r) => /^\d{12}$/.test(r.accountId))).toBe(true);
    expect(catalogue.roles.some((r) => r.accountId.startsWith('0'))).toBe(true);

    // A new start (new objects, same directory) has the list at once, without asking the portal.
    const before = { ...t.standin.stats.requests };
    const reopened = await t.catalogue().cached(t.instance.startUrl);
    expect(reopened?.roles).toEqual(catalogue.roles);
    expect(reopened?.fetchedAt).toBe(catalogue.fetchedAt);
    expect(t.standin.stats.requests).toEqual(before);
  });

  it('against a portal that refuses above 40 requests/s: throttled requests retried at a slower pace, 0 failures, every role', async () => {
    const t = await signedIn({ accounts: 120, rolesPerAccount: 3, latencyMs: 10 });
    t.standin.configure({ maxRequestsPerSecond: 40, burst: 5 });
    const { slept, sleep } = sleepRecorded();
    const catalogue = await t.catalogue(undefined, sleep).refresh(t.instance);
    expect(t.standin.stats.rateLimited).toBeGreaterThan(0);
    expect(catalogue.roles.map((r) => `${r.accountId}|${r.accountName}|${r.roleName}`).sort()).toEqual(expectedRoles(t.standin));
    // Each listing answered once, plus one more for each refusal: nothing fetched twice, nothing given up.
    const sent = t.standin.stats.requests['GET /assignment/roles']! + t.standin.stats.requests['GET /assignment/accounts']!;
    expect(sent).toBe(122 + t.standin.stats.throttled);
    // The throttled ones waited their turn of the pace, not a backoff of their own (75 ms and up).
    expect(slept.filter((ms) => ms >= 75)).toEqual([]);
  });

  it('retries a server fault after a backoff and resumes the listing at that page instead of starting over', async () => {
    const t = await signedIn({ accounts: 250, rolesPerAccount: 1 });
    let failedOnce = false;
    t.standin.configure({
      // The second page of accounts fails once.
      faultWhen: (route, query) => {
        if (route !== 'GET /assignment/accounts' || !query.get('next_token') || failedOnce) return false;
        failedOnce = true;
        return true;
      },
    });
    const { slept, sleep } = sleepRecorded();
    const catalogue = await t.catalogue(undefined, sleep).refresh(t.instance);
    // One backoff, 75 ms (half of 100 ms plus the jitter at 0.5); the pace's own waits are 1/20 s or less.
    expect(slept.filter((ms) => ms >= 75)).toEqual([75]);
    // 3 pages of 100, the failed one twice; the first page is not fetched again.
    expect(t.standin.stats.requests['GET /assignment/accounts']).toBe(4);
    expect(catalogue.roles).toHaveLength(250);
  });

  it('reports progress in order as pages arrive (coalesced), the first roles long before the end, ending complete', async () => {
    const t = await signedIn({ accounts: 60, rolesPerAccount: 3, latencyMs: 20 });
    const { sleep } = sleepRecorded();
    const seen: { at: number; roles: number; accountsDone: number; accounts?: number }[] = [];
    const started = Date.now();
    const catalogue = await t.catalogue(undefined, sleep).refresh(t.instance, (p) =>
      seen.push({ at: Date.now() - started, roles: p.roles.length, accountsDone: p.accountsDone, ...(p.accounts !== undefined ? { accounts: p.accounts } : {}) }),
    );
    const total = Date.now() - started;
    expect(seen[0]).toEqual({ at: expect.any(Number), roles: 0, accountsDone: 0 });
    expect(seen.at(-1)).toMatchObject({ roles: 180, accountsDone: 60, accounts: 60 });
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.roles).toBeGreaterThanOrEqual(seen[i - 1]!.roles);
      expect(seen[i]!.accountsDone).toBeGreaterThanOrEqual(seen[i - 1]!.accountsDone);
    }
    // The first roles after two round trips (accounts, then one account's roles), while most were still to come.
    const first = seen.find((p) => p.roles > 0)!;
    expect(first.roles).toBeLessThan(180);
    expect(first.at).toBeLessThan(total / 2);
    // Not one report per listing: at most one a quarter second, plus the first, the first roles and the last.
    expect(seen.length).toBeLessThanOrEqual(Math.ceil(total / 250) + 3);
    expect(seen.length).toBeLessThan(60);
    expect(catalogue.roles).toHaveLength(180);
  });

  it('keeps the last complete list when a fetch fails halfway: nothing partial is saved or served', async () => {
    const t = await signedIn({ accounts: 40, rolesPerAccount: 2, latencyMs: 20, refreshTokens: false });
    const { sleep } = sleepRecorded();
    const catalogue = t.catalogue(undefined, sleep);
    const complete = await catalogue.refresh(t.instance);
    (t.standin.accounts[0]!.roles as string[]).push('NewlyGranted');
    // The session ends once the new fetch has its first roles.
    const partial: number[] = [];
    const refresh = catalogue.refresh(t.instance, (p) => {
      partial.push(p.roles.length);
      if (p.roles.length > 0) t.standin.revokeTokens();
    });
    await expect(refresh).rejects.toBeInstanceOf(SignInRequiredError);
    expect(Math.max(...partial)).toBeGreaterThan(0);
    expect(Math.max(...partial)).toBeLessThan(81);
    expect(await catalogue.cached(t.instance.startUrl)).toEqual(complete);
    // And on disk: a new start reads the complete list, not the fetch that failed.
    expect(await t.catalogue().cached(t.instance.startUrl)).toEqual(complete);
  });

  it('saves nothing when the first fetch fails halfway', async () => {
    const t = await signedIn({ accounts: 40, rolesPerAccount: 2, latencyMs: 20, refreshTokens: false });
    const { sleep } = sleepRecorded();
    const refresh = t.catalogue(undefined, sleep).refresh(t.instance, (p) => {
      if (p.roles.length > 0) t.standin.revokeTokens();
    });
    await expect(refresh).rejects.toBeInstanceOf(SignInRequiredError);
    expect(await t.catalogue().cached(t.instance.startUrl)).toBeUndefined();
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
