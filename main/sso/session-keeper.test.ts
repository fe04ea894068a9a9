import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../secrets/secret-store';
import { clientsByRegion } from './clients';
import { RENEW_RETRY_MS, SessionKeeper } from './session-keeper';
import { SsoSessions } from './sso-sessions';
import { TokenCache } from './token-cache';
import { browserStandin } from '../../test-support/browser-standin';
import { freePort } from '../../test-support/free-port';
import type { StandinOptions } from '../../test-support/sso-standin';
import { standinPerTest } from '../../test-support/standin-per-test';

/**
 * Sessions kept going without the person: one fake clock drives the stand-in, the sessions and the
 * keeper's timers, so a working day passes in a second, through the real SDK.
 */

const MIN = 60_000;
const startStandin = standinPerTest();

async function setup(options: StandinOptions, endpoint?: string) {
  let clock = Date.UTC(2026, 2, 2, 8, 0, 0);
  const start = clock;
  const now = () => clock;
  const standin = await startStandin({ now, ...options });
  const cache = new TokenCache(new MemorySecretStore());
  const sessions = new SsoSessions({ cache, clientsFor: clientsByRegion(standin.url), now, sleep: async (ms) => void (clock += ms) });
  const instance = { startUrl: standin.startUrl, region: standin.region };
  const browser = browserStandin();
  await sessions.signInWithBrowser(instance, { open: browser.open });

  // The sessions the keeper renews through: the stand-in, or an address where nothing answers.
  const keptBy = endpoint ? new SsoSessions({ cache, clientsFor: clientsByRegion(endpoint), now, sleep: async () => undefined }) : sessions;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let nextId = 0;
  const changes: number[] = [];
  const replans: Promise<void>[] = [];
  const keeper: SessionKeeper = new SessionKeeper({
    sessions: keptBy,
    now,
    setTimer: (fn, ms) => (timers.set(++nextId, { at: clock + ms, fn }), nextId),
    clearTimer: (id) => void timers.delete(id as number),
    // As the core does: read the status again, which plans what comes next.
    onChange: () => {
      changes.push((clock - start) / MIN);
      replans.push(sessions.status(instance.startUrl).then((s) => keeper.plan(instance, s)));
    },
  });
  keeper.plan(instance, await sessions.status(instance.startUrl));

  /** Moves the clock a minute at a time, firing what is due and waiting for it; `check` sees each minute. */
  async function walk(untilMin: number, check: (minute: number) => Promise<void> | void = () => undefined) {
    while (clock < start + untilMin * MIN) {
      clock += MIN;
      for (const [id, timer] of timers) {
        if (timer.at > clock) continue;
        timers.delete(id);
        timer.fn();
        await keeper.whenIdle();
        await Promise.all(replans.splice(0));
      }
      await check((clock - start) / MIN);
    }
  }
  const status = () => sessions.status(instance.startUrl);
  return { standin, sessions, keeper, timers, changes, walk, status, start, browser, minutes: (t: number) => (t - start) / MIN };
}

describe('SessionKeeper', () => {
  it('renews the access token before it expires through the refresh-token grant, asks nobody, and learns where the session ends', async () => {
    // One-hour access tokens, a 7 h 40 min Identity Center session.
    const t = await setup({ accessTokenTtlSeconds: 3600, sessionDurationSeconds: 460 * 60 });
    const renewals: number[] = [];
    await t.walk(480, async (minute) => {
      const s = await t.status();
      if ((t.standin.stats.grants.refresh_token ?? 0) > renewals.length) renewals.push(minute);
      if (minute < 460) expect(s.expiresAt! - (t.start + minute * MIN), `a valid token at minute ${minute}`).toBeGreaterThan(0);
      // The end is known from the renewal whose token the session cut short, at 6 h 45 min.
      if (minute >= 405 && minute < 460) expect(s).toMatchObject({ signedIn: true, endsAt: t.start + 460 * MIN });
      if (minute < 405) expect(s.endsAt).toBeUndefined();
    });
    // 15 minutes before each expiry; none after the token that runs to the session's end.
    expect(renewals).toEqual([45, 90, 135, 180, 225, 270, 315, 360, 405]);
    // Woken for the warnings 30 and 5 minutes ahead and at the end, besides each renewal.
    expect(t.changes).toEqual([...renewals, 430, 455, 460]);
    expect(await t.status()).toMatchObject({ signedIn: false, endsAt: t.start + 460 * MIN });
    expect(t.timers.size).toBe(0);
    // Nothing opened a browser or began a sign-in but the first.
    expect(t.standin.stats.authorizations).toBe(1);
    expect(t.browser.visits).toHaveLength(1);
  });

  it('a refused renewal leaves the token to run out, with the warnings before it, and no more tries', async () => {
    const t = await setup({ accessTokenTtlSeconds: 3600 });
    t.standin.revokeTokens();
    await t.walk(61);
    expect(t.changes).toEqual([45, 55, 60]);
    expect(t.standin.stats.requests['POST /token']).toBe(2); // the sign-in and the one refused renewal
    expect(await t.status()).toMatchObject({ signedIn: false, canRefresh: false, endsAt: t.start + 60 * MIN });
  });

  it('with no answer at all (offline), tries again every minute, and the token still counts until it expires', async () => {
    const t = await setup({ accessTokenTtlSeconds: 3600 }, `http://127.0.0.1:${await freePort()}`);
    await t.walk(50);
    expect(RENEW_RETRY_MS).toBe(MIN);
    expect(t.changes).toEqual([45, 46, 47, 48, 49, 50]);
    expect(await t.status()).toMatchObject({ signedIn: true, canRefresh: true, expiresAt: t.start + 60 * MIN });
  });

  it('plans nothing once stopped', async () => {
    const t = await setup({ accessTokenTtlSeconds: 3600 });
    expect(t.timers.size).toBe(1);
    t.keeper.stop();
    expect(t.timers.size).toBe(0);
    t.keeper.plan({ startUrl: t.standin.startUrl, region: t.standin.region }, await t.status());
    expect(t.timers.size).toBe(0);
  });
});
