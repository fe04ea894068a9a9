import { describe, expect, it } from 'vitest';
import { SignInRequiredError } from '../sso/errors';
import { REFRESH_BEFORE_MS, RefreshScheduler, type RefreshEvent } from './refresh';
import { SlotStore } from './slots';
import type { Credentials, RoleRef } from './types';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** A clock and timer pair under the test's control; advancing fires due timers in order. */
function fakeTime(start = Date.UTC(2026, 2, 1)) {
  let now = start;
  let nextId = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      timers.set(++nextId, { at: now + ms, fn });
      return nextId;
    },
    clearTimer: (id: unknown) => void timers.delete(id as number),
    pending: () => timers.size,
    async advanceTo(target: number, onStep?: () => void) {
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        onStep?.();
        due[1].fn();
        for (let i = 0; i < 10; i++) await Promise.resolve();
      }
      now = target;
      onStep?.();
    },
  };
}

const role: RoleRef = { startUrl: 'https://d-1.awsapps.com/start', region: 'eu-west-1', accountId: '012345678901', roleName: 'Admin' };

function creds(expiration: number, n: number): Credentials {
  return { accessKeyId: `ASIAEXAMPLE${String(n).padStart(6, '0')}`, secretAccessKey: 's', sessionToken: 't', expiration, accountId: role.accountId, roleName: role.roleName };
}

function setup(fetch: (role: RoleRef) => Promise<Credentials>) {
  const time = fakeTime();
  const store = new SlotStore(time.now);
  const events: RefreshEvent[] = [];
  const scheduler = new RefreshScheduler({ store, fetch, now: time.now, setTimer: time.setTimer, clearTimer: time.clearTimer, random: () => 0.5 });
  scheduler.subscribe((e) => events.push(e));
  scheduler.start();
  return { time, store, scheduler, events };
}

describe('RefreshScheduler', () => {
  it('refreshes an SSO slot before 15 minutes remain, with one timer and no polling', async () => {
    let fetches = 0;
    const t = setup(async () => creds(t.time.now() + HOUR, ++fetches));
    t.store.load('', { profileName: 'p', credentials: creds(t.time.now() + HOUR, 0), source: 'sso', role });
    expect(t.time.pending()).toBe(1);
    expect(t.scheduler.nextWake()).toBe(t.time.now() + HOUR - REFRESH_BEFORE_MS);
    const end = t.time.now() + 10 * HOUR;
    await t.time.advanceTo(end, () => {
      const slot = t.store.get('')!;
      expect(slot.credentials.expiration - t.time.now()).toBeGreaterThanOrEqual(15 * MIN);
    });
    // One refresh per 40 minutes over 10 hours, not more.
    expect(fetches).toBe(15);
    expect(t.time.pending()).toBe(1);
  });

  it('leaves pushed credentials alone', async () => {
    const t = setup(async () => {
      throw new Error('must not fetch');
    });
    t.store.load('x', { profileName: 'x', credentials: creds(t.time.now() + HOUR, 0) });
    expect(t.time.pending()).toBe(0);
    expect(t.scheduler.state('x')).toBeUndefined();
  });

  it('retries failures with growing jittered delays, then recovers', async () => {
    let failures = 3;
    const attempts: number[] = [];
    const t = setup(async () => {
      attempts.push(t.time.now());
      if (failures-- > 0) throw Object.assign(new Error('slow down'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
      return creds(t.time.now() + HOUR, 1);
    });
    const loadedAt = t.time.now();
    t.store.load('', { profileName: 'p', credentials: creds(loadedAt + HOUR, 0), source: 'sso', role });
    await t.time.advanceTo(loadedAt + HOUR - REFRESH_BEFORE_MS + 2 * MIN);
    const gaps = attempts.slice(1).map((a, i) => a - attempts[i]!);
    expect(gaps).toEqual([7_500, 15_000, 30_000]); // 10 s, 20 s, 40 s ceilings, random() = 0.5
    expect(t.scheduler.state('')).toBe('ok');
    expect(t.events.filter((e) => e.kind === 'state').map((e) => (e as { state: string }).state)).toEqual(['retrying', 'retrying', 'retrying', 'ok']);
  });

  it('on an ended SSO session marks every slot of that instance, raises one sign-in event, and serves until expiry', async () => {
    let signedIn = true;
    const t = setup(async () => {
      if (!signedIn) throw new SignInRequiredError(role.startUrl, 'the session has expired');
      return creds(t.time.now() + HOUR, 1);
    });
    const start = t.time.now();
    t.store.load('', { profileName: 'a', credentials: creds(start + HOUR, 0), source: 'sso', role });
    t.store.load('b', { profileName: 'b', credentials: creds(start + 2 * HOUR, 0), source: 'sso', role });
    signedIn = false;
    await t.time.advanceTo(start + 45 * MIN);
    expect(t.scheduler.state('')).toBe('needs-login');
    expect(t.scheduler.state('b')).toBe('needs-login');
    const signIns = t.events.filter((e) => e.kind === 'sign-in-required');
    expect(signIns).toEqual([{ kind: 'sign-in-required', startUrl: role.startUrl, slots: ['', 'b'], reason: expect.stringMatching(/expired/) }]);
    expect(t.time.pending()).toBe(0); // nothing to do until the person signs in
    await t.time.advanceTo(start + HOUR - 2 * MIN);
    expect(t.store.servable('')).toBeDefined();
    await t.time.advanceTo(start + HOUR);
    expect(t.store.servable('')).toBeUndefined();
    // Signing in again picks the waiting slots up at once.
    signedIn = true;
    t.scheduler.resume(role.startUrl);
    await t.time.advanceTo(t.time.now());
    expect(t.scheduler.state('')).toBe('ok');
    expect(t.store.servable('')).toBeDefined();
  });

  it('does not overwrite a slot that was replaced while its refresh was in flight', async () => {
    let release: (c: Credentials) => void = () => undefined;
    const t = setup(() => new Promise<Credentials>((r) => (release = r)));
    const start = t.time.now();
    t.store.load('', { profileName: 'old', credentials: creds(start + HOUR, 0), source: 'sso', role });
    await t.time.advanceTo(start + HOUR - REFRESH_BEFORE_MS);
    t.store.load('', { profileName: 'new', credentials: creds(start + 3 * HOUR, 9) });
    release(creds(start + 2 * HOUR, 1));
    await t.scheduler.whenIdle();
    expect(t.store.get('')!.profileName).toBe('new');
    expect(t.scheduler.state('')).toBeUndefined();
  });

  it('forgets unloaded slots and stops its timer', async () => {
    const t = setup(async () => creds(t.time.now() + HOUR, 1));
    t.store.load('a', { profileName: 'a', credentials: creds(t.time.now() + HOUR, 0), source: 'sso', role });
    expect(t.time.pending()).toBe(1);
    t.store.unload('a');
    expect(t.time.pending()).toBe(0);
    t.store.load('a', { profileName: 'a', credentials: creds(t.time.now() + HOUR, 0), source: 'sso', role });
    t.scheduler.stop();
    expect(t.time.pending()).toBe(0);
  });
});
