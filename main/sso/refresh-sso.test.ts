import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { RefreshScheduler, type RefreshEvent } from '../credentials/refresh';
import { SlotStore } from '../credentials/slots';
import type { RoleRef } from '../credentials/types';
import { MemorySecretStore } from '../secrets/secret-store';
import { clientsByRegion } from './clients';
import { loadRole } from './load-role';
import { fetchRoleCredentials } from './role-credentials';
import { SsoSessions } from './sso-sessions';
import { TokenCache } from './token-cache';
import { isolateAwsEnvironment, startSsoStandin, type StandinOptions } from '../../test-support/sso-standin';

/**
 * Loaded roles stay fresh: the real SDK fetches role credentials from the stand-in while one fake
 * clock drives the stand-in, the slot store and the scheduler's timer, so hours pass in milliseconds.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('keeping SSO credentials fresh', () => {
  let restoreEnv: () => void;
  beforeAll(() => {
    restoreEnv = isolateAwsEnvironment();
  });
  afterAll(() => restoreEnv());

  async function setup(options: StandinOptions) {
    let clock = Date.UTC(2026, 5, 1, 8, 0, 0);
    const now = () => clock;
    const timers = new Map<number, { at: number; fn: () => void }>();
    let nextId = 0;
    const standin = await startSsoStandin({ now, ...options });
    let open = true;
    /** IAM Identity Center going away mid-test: closed once, whoever asks first. */
    const closeStandin = async () => {
      if (!open) return;
      open = false;
      await standin.close();
    };
    onTestFinished(closeStandin);
    const clientsFor = clientsByRegion(standin.url);
    const sessions = new SsoSessions({ cache: new TokenCache(new MemorySecretStore()), clientsFor, now, sleep: async (ms) => void (clock += ms) });
    const instance = { startUrl: standin.startUrl, region: standin.region };
    await sessions.signIn(instance, () => undefined);
    const store = new SlotStore(now);
    const fetch = (role: RoleRef) => fetchRoleCredentials(role, { sessions, clientsFor });
    const scheduler = new RefreshScheduler({
      store,
      fetch,
      now,
      random: () => 0.5,
      setTimer: (fn, ms) => (timers.set(++nextId, { at: clock + ms, fn }), nextId),
      clearTimer: (id) => void timers.delete(id as number),
    });
    const events: RefreshEvent[] = [];
    scheduler.subscribe((e) => events.push(e));
    scheduler.start();
    onTestFinished(() => scheduler.stop());
    const account = standin.accounts[0]!;
    const role: RoleRef = { ...instance, accountId: account.accountId, roleName: account.roles[0]! };

    /** Moves the clock a minute at a time, firing the timer when due and waiting for its refresh; checks the reader at every step. */
    async function walk(until: number, check: () => void) {
      while (clock < until) {
        clock = Math.min(until, clock + MIN);
        for (const [id, timer] of timers) {
          if (timer.at > clock) continue;
          timers.delete(id);
          timer.fn();
          await scheduler.whenIdle();
        }
        check();
      }
    }
    return { standin, closeStandin, scheduler, store, role, events, walk, now, timers, load: () => loadRole(role, `${role.accountId}:${role.roleName}`, { store, fetchCredentials: fetch }) };
  }

  it('a reader never sees credentials with less than 15 minutes left', async () => {
    const t = await setup({ accounts: 1, rolesPerAccount: 1, accessTokenTtlSeconds: 24 * 3600, roleCredentialTtlSeconds: 3600 });
    await t.load();
    const servedKeys = new Set<string>();
    await t.walk(t.now() + 6 * HOUR, () => {
      const slot = t.store.servable('');
      expect(slot, 'the default slot is served').toBeDefined();
      expect(slot!.credentials.expiration - t.now()).toBeGreaterThanOrEqual(15 * MIN);
      servedKeys.add(slot!.credentials.accessKeyId);
    });
    // Every 40 minutes a new key from the stand-in: 6 h → the first + 9 refreshes.
    expect(t.standin.stats.requests['GET /federation/credentials']).toBe(10);
    expect(servedKeys.size).toBe(10);
    expect([...servedKeys].every((k) => t.standin.stats.issuedCredentials.some((c) => c.accessKeyId === k))).toBe(true);
    expect(t.timers.size).toBe(1);
  });

  it('when the SSO session expires: one "sign in again" event, the slot served until its own expiry, then not', async () => {
    const t = await setup({ accounts: 1, rolesPerAccount: 1, accessTokenTtlSeconds: 2 * 3600, roleCredentialTtlSeconds: 3600, refreshTokens: false });
    const start = t.now();
    await t.load();
    await t.walk(start + 2 * HOUR + MIN, () => undefined);
    // Refreshed at 0:40 and 1:20; at 2:00 the session is over. The last creds run to 2:20.
    const signIns = t.events.filter((e) => e.kind === 'sign-in-required');
    expect(signIns).toHaveLength(1);
    expect(signIns[0]).toEqual({ kind: 'sign-in-required', startUrl: t.role.startUrl, slots: [''], reason: `sign in to ${t.role.startUrl} again: the session has expired` });
    expect(t.scheduler.state('')).toBe('needs-login');
    const expiry = t.store.get('')!.credentials.expiration;
    expect(expiry).toBe(start + 2 * HOUR + 20 * MIN);
    await t.walk(expiry - 2 * MIN, () => expect(t.store.servable('')).toBeDefined());
    await t.walk(expiry, () => undefined);
    expect(t.store.servable('')).toBeUndefined();
    expect(t.events.filter((e) => e.kind === 'sign-in-required')).toHaveLength(1);
  });

  it('a session revoked by an administrator is noticed at the next refresh', async () => {
    const t = await setup({ accounts: 1, rolesPerAccount: 1, roleCredentialTtlSeconds: 3600, refreshTokens: false });
    await t.load();
    t.standin.revokeTokens();
    await t.walk(t.now() + HOUR, () => undefined);
    expect(t.scheduler.state('')).toBe('needs-login');
    expect(t.events.filter((e) => e.kind === 'sign-in-required')).toEqual([
      { kind: 'sign-in-required', startUrl: t.role.startUrl, slots: [''], reason: `sign in to ${t.role.startUrl} again: the session was ended or has expired` },
    ]);
  });

  it('IAM Identity Center throttling every request during the refresh window: retried with backoff, served meanwhile, refreshed once it lets up', async () => {
    const t = await setup({ accounts: 1, rolesPerAccount: 1, accessTokenTtlSeconds: 24 * 3600, roleCredentialTtlSeconds: 3600 });
    const start = t.now();
    await t.load();
    const firstKey = t.store.get('')!.credentials.accessKeyId;
    await t.walk(start + 39 * MIN, () => undefined);
    t.standin.configure({ throttleRate: 1 });
    const states = new Set<string>();
    await t.walk(start + 50 * MIN, () => {
      states.add(t.scheduler.state('') ?? '');
      expect(t.store.servable('')?.credentials.accessKeyId).toBe(firstKey);
    });
    expect(states).toContain('retrying');
    expect(t.events).toContainEqual({ kind: 'state', slot: '', state: 'retrying', error: 'TooManyRequestsException: Too many requests' });
    expect(t.standin.stats.throttled).toBeGreaterThanOrEqual(3);
    // Backoff, not a loop: a handful of tries in 10 minutes.
    expect(t.standin.stats.throttled).toBeLessThan(15);
    t.standin.configure({ throttleRate: 0 });
    await t.walk(start + 55 * MIN, () => undefined);
    expect(t.scheduler.state('')).toBe('ok');
    expect(t.store.get('')!.credentials.accessKeyId).not.toBe(firstKey);
    expect(t.store.get('')!.credentials.expiration - t.now()).toBeGreaterThan(15 * MIN);
    expect(t.events.some((e) => e.kind === 'sign-in-required')).toBe(false);
  });

  it('IAM Identity Center unreachable: the slot keeps being served until its own expiry, with no sign-in prompt', async () => {
    const t = await setup({ accounts: 1, rolesPerAccount: 1, accessTokenTtlSeconds: 24 * 3600, roleCredentialTtlSeconds: 3600 });
    const start = t.now();
    await t.load();
    await t.closeStandin();
    const expiry = t.store.get('')!.credentials.expiration;
    await t.walk(expiry - 2 * MIN, () => expect(t.store.servable('')).toBeDefined());
    expect(t.scheduler.state('')).toBe('retrying');
    expect(t.events).toContainEqual({ kind: 'state', slot: '', state: 'retrying', error: `connect ECONNREFUSED 127.0.0.1:${new URL(t.standin.url).port}` });
    await t.walk(expiry, () => undefined);
    expect(t.store.servable('')).toBeUndefined();
    expect(t.events.some((e) => e.kind === 'sign-in-required')).toBe(false);
    expect(expiry - start).toBe(HOUR);
  });
});
