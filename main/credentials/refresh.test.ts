import { describe, expect, it } from 'vitest';
import { MfaRequiredError, SignInRequiredError } from './errors';
import { READ_WAIT_MS, REFRESH_BEFORE_MS, RefreshScheduler, type RefreshEvent } from './refresh';
import { SlotStore } from './slots';
import type { Credentials, Derivation, RoleRef } from './types';

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
    /** The machine sleeps: the clock moves on and no timer fires (timers do not count sleep). */
    sleep(ms: number) {
      now += ms;
    },
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

describe('a read of a slot its timer missed while the machine slept', () => {
  /** A fetch the test answers by hand, counting calls. */
  function heldFetch() {
    const calls: { resolve: (c: Credentials) => void; reject: (e: Error) => void }[] = [];
    const fetch = () => new Promise<Credentials>((resolve, reject) => void calls.push({ resolve, reject }));
    return { fetch, calls };
  }

  function loadedAfterSleep(fetch: (role: RoleRef) => Promise<Credentials>, slept: number) {
    const t = setup(fetch);
    const start = t.time.now();
    t.store.load('', { profileName: 'p', credentials: creds(start + HOUR, 0), source: 'sso', role });
    t.store.load('pushed', { profileName: 'pushed', credentials: creds(start + HOUR, 0) });
    t.time.sleep(slept);
    return t;
  }

  const key = (n: number) => creds(0, n).accessKeyId;

  it('costs nothing when there is nothing to do: a pushed slot, or one outside its refresh window', () => {
    const held = heldFetch();
    const t = loadedAfterSleep(held.fetch, HOUR - REFRESH_BEFORE_MS - 1);
    expect(t.scheduler.beforeRead('')).toBeUndefined();
    expect(t.scheduler.beforeRead('pushed')).toBeUndefined();
    expect(t.scheduler.beforeRead('unknown')).toBeUndefined();
    t.time.sleep(2 * HOUR);
    expect(t.scheduler.beforeRead('pushed')).toBeUndefined();
    expect(held.calls).toHaveLength(0);
  });

  it('inside the window it starts one refresh, and the read gets the new credentials', async () => {
    const held = heldFetch();
    const t = loadedAfterSleep(held.fetch, 45 * MIN);
    const read = t.scheduler.beforeRead('');
    expect(read).toBeDefined();
    expect(held.calls).toHaveLength(1);
    held.calls[0]!.resolve(creds(t.time.now() + HOUR, 1));
    await read;
    expect(t.store.servable('')!.credentials.accessKeyId).toBe(key(1));
    // Fresh again: the next read is the plain one, and the timer is set for the new credentials.
    expect(t.scheduler.beforeRead('')).toBeUndefined();
    expect(t.scheduler.nextWake()).toBe(t.time.now() + HOUR - REFRESH_BEFORE_MS);
    expect(held.calls).toHaveLength(1);
  });

  it('concurrent reads share one refresh', async () => {
    const held = heldFetch();
    const t = loadedAfterSleep(held.fetch, 45 * MIN);
    const reads = [t.scheduler.beforeRead(''), t.scheduler.beforeRead(''), t.scheduler.beforeRead('')];
    expect(reads.every((r) => r !== undefined)).toBe(true);
    expect(held.calls).toHaveLength(1);
    held.calls[0]!.resolve(creds(t.time.now() + HOUR, 1));
    await Promise.all(reads);
    expect(t.store.servable('')!.credentials.accessKeyId).toBe(key(1));
    expect(held.calls).toHaveLength(1);
  });

  it('a refresh slower than the budget: the read gets the still-valid credentials in time, the next read the new ones', async () => {
    const held = heldFetch();
    const t = loadedAfterSleep(held.fetch, 45 * MIN);
    let answered = false;
    void t.scheduler.beforeRead('')!.then(() => (answered = true));
    await t.time.advanceTo(t.time.now() + READ_WAIT_MS - 1);
    expect(answered).toBe(false);
    await t.time.advanceTo(t.time.now() + 1);
    expect(answered).toBe(true);
    expect(t.store.servable('')!.credentials.accessKeyId).toBe(key(0));
    // A read while the refresh is still out waits for that one; it does not start another.
    const next = t.scheduler.beforeRead('');
    expect(next).toBeDefined();
    held.calls[0]!.resolve(creds(t.time.now() + HOUR, 1));
    await next;
    expect(t.store.servable('')!.credentials.accessKeyId).toBe(key(1));
    expect(held.calls).toHaveLength(1);
    expect(t.time.pending()).toBe(1); // the budget timers are gone; only the refresh timer is left
  });

  it('a failing refresh: reads keep getting the still-valid credentials and the backoff stands', async () => {
    const held = heldFetch();
    const t = loadedAfterSleep(held.fetch, 45 * MIN);
    const failed = () => Object.assign(new Error('unavailable'), { name: 'InternalServerException', $metadata: { httpStatusCode: 500 } });
    const read = t.scheduler.beforeRead('');
    held.calls[0]!.reject(failed());
    await read;
    expect(t.store.servable('')!.credentials.accessKeyId).toBe(key(0));
    expect(t.scheduler.state('')).toBe('retrying');
    const firstFailure = t.time.now();
    expect(t.scheduler.nextWake()).toBe(firstFailure + 7_500); // 10 s ceiling, random() = 0.5
    // Reads before the retry is due do not hammer IAM Identity Center.
    t.time.sleep(7_499);
    expect(t.scheduler.beforeRead('')).toBeUndefined();
    expect(held.calls).toHaveLength(1);
    // Asleep past the retry time: the next read makes the retry, and its failure doubles the wait.
    t.time.sleep(1);
    const retry = t.scheduler.beforeRead('');
    expect(held.calls).toHaveLength(2);
    held.calls[1]!.reject(failed());
    await retry;
    expect(t.scheduler.nextWake()).toBe(firstFailure + 7_500 + 15_000);
    expect(t.store.servable('')!.credentials.accessKeyId).toBe(key(0));
  });

  it('asleep past expiry: fresh credentials when they come in time, else nothing valid to serve', async () => {
    const held = heldFetch();
    const t = loadedAfterSleep(held.fetch, 2 * HOUR);
    const slow = t.scheduler.beforeRead('');
    await t.time.advanceTo(t.time.now() + READ_WAIT_MS);
    await slow;
    expect(t.store.servable('')).toBeUndefined();
    const next = t.scheduler.beforeRead('');
    held.calls[0]!.resolve(creds(t.time.now() + HOUR, 1));
    await next;
    expect(t.store.servable('')!.credentials.accessKeyId).toBe(key(1));
  });

  it('after the SSO session ended, reads do not try again until the person signs in', async () => {
    const held = heldFetch();
    const t = loadedAfterSleep(held.fetch, 45 * MIN);
    const read = t.scheduler.beforeRead('');
    held.calls[0]!.reject(new SignInRequiredError(role.startUrl, 'the session has expired'));
    await read;
    expect(t.scheduler.state('')).toBe('needs-login');
    t.time.sleep(5 * MIN);
    expect(t.scheduler.beforeRead('')).toBeUndefined();
    expect(held.calls).toHaveLength(1);
    expect(t.store.servable('')!.credentials.accessKeyId).toBe(key(0));
  });
});

describe('RefreshScheduler with slots derived through STS', () => {
  const chained: Derivation = {
    root: { kind: 'sso', profileName: 'hub', role },
    hops: [{ profileName: 'deploy', roleArn: 'arn:aws:iam::222222222222:role/Deploy' }],
  };
  const fromUser = (profileName: string): Derivation => ({ root: { kind: 'iam-user', user: 'alice' }, hops: [{ profileName, roleArn: `arn:aws:iam::222222222222:role/${profileName}` }] });

  function setupDerived(derive: (d: Derivation, profileName: string) => Promise<{ credentials: Credentials; arn: string }>, fetch: (r: RoleRef) => Promise<Credentials> = async () => creds(0, 0)) {
    const time = fakeTime();
    const store = new SlotStore(time.now);
    const events: RefreshEvent[] = [];
    const scheduler = new RefreshScheduler({ store, fetch, derive, now: time.now, setTimer: time.setTimer, clearTimer: time.clearTimer, random: () => 0.5 });
    scheduler.subscribe((e) => events.push(e));
    scheduler.start();
    return { time, store, scheduler, events };
  }

  it('makes a chained slot again through its source before 15 minutes remain, keeping its derivation', async () => {
    const asked: string[] = [];
    const t = setupDerived(async (d, profileName) => {
      asked.push(`${profileName} via ${d.root.kind === 'sso' ? d.root.profileName : ''}`);
      return { credentials: creds(t.time.now() + HOUR, asked.length), arn: 'arn:aws:iam::222222222222:role/Deploy' };
    });
    t.store.load('deploy', { profileName: 'deploy', credentials: creds(t.time.now() + HOUR, 0), source: 'assumed', derivation: chained, arn: 'arn:aws:iam::222222222222:role/Deploy' });
    expect(t.scheduler.nextWake()).toBe(t.time.now() + HOUR - REFRESH_BEFORE_MS);
    await t.time.advanceTo(t.time.now() + 3 * HOUR, () => expect(t.store.get('deploy')!.credentials.expiration - t.time.now()).toBeGreaterThanOrEqual(15 * MIN));
    expect(asked).toEqual(['deploy via hub', 'deploy via hub', 'deploy via hub', 'deploy via hub']);
    expect(t.store.get('deploy')).toMatchObject({ source: 'assumed', derivation: chained, credentials: { accessKeyId: 'ASIAEXAMPLE000004' } });
  });

  it('marks a chained slot and its SSO root needs-login when the root session ends, telling the person once', async () => {
    const ended = new SignInRequiredError(role.startUrl, 'the session has ended');
    let signedIn = false;
    const t = setupDerived(
      async () => {
        if (!signedIn) throw ended;
        return { credentials: creds(t.time.now() + HOUR, 9), arn: 'x' };
      },
      async () => {
        if (!signedIn) throw ended;
        return creds(t.time.now() + HOUR, 8);
      },
    );
    t.store.load('hub', { profileName: 'hub', credentials: creds(t.time.now() + HOUR, 0), source: 'sso', role });
    t.store.load('deploy', { profileName: 'deploy', credentials: creds(t.time.now() + HOUR, 0), source: 'assumed', derivation: chained });
    await t.time.advanceTo(t.time.now() + HOUR - REFRESH_BEFORE_MS + 1);
    expect(t.scheduler.state('hub')).toBe('needs-login');
    expect(t.scheduler.state('deploy')).toBe('needs-login');
    expect(t.events.filter((e) => e.kind === 'sign-in-required')).toEqual([{ kind: 'sign-in-required', startUrl: role.startUrl, slots: ['hub', 'deploy'], reason: ended.message }]);
    // Still served until their own credentials end.
    expect(t.store.servable('deploy')).toBeDefined();
    signedIn = true;
    t.scheduler.resume(role.startUrl);
    await t.scheduler.whenIdle();
    expect(t.scheduler.state('deploy')).toBe('ok');
    expect(t.store.get('deploy')!.credentials.accessKeyId).toBe('ASIAEXAMPLE000009');
  });

  it('marks every slot waiting on one MFA device needs-mfa and asks once; a code makes them all again', async () => {
    let code = false;
    const t = setupDerived(async (_d, profileName) => {
      if (!code) throw new MfaRequiredError('arn:aws:iam::111111111111:mfa/alice', 'alice');
      return { credentials: creds(t.time.now() + HOUR, profileName.length), arn: 'x' };
    });
    t.store.load('a', { profileName: 'deploy', credentials: creds(t.time.now() + HOUR, 0), source: 'assumed', derivation: fromUser('deploy') });
    t.store.load('b', { profileName: 'audit', credentials: creds(t.time.now() + HOUR + MIN, 0), source: 'assumed', derivation: fromUser('audit') });
    await t.time.advanceTo(t.time.now() + HOUR - REFRESH_BEFORE_MS + 2 * MIN);
    expect([t.scheduler.state('a'), t.scheduler.state('b')]).toEqual(['needs-mfa', 'needs-mfa']);
    expect(t.events.filter((e) => e.kind === 'mfa-required')).toEqual([{ kind: 'mfa-required', mfaSerial: 'arn:aws:iam::111111111111:mfa/alice', profileName: 'alice', slot: 'a' }]);
    // Waiting for a person is not retried on a timer.
    expect(t.scheduler.nextWake()).toBeUndefined();
    code = true;
    t.scheduler.resumeMfa('arn:aws:iam::111111111111:mfa/alice');
    await t.scheduler.whenIdle();
    expect([t.scheduler.state('a'), t.scheduler.state('b')]).toEqual(['ok', 'ok']);
    expect(t.store.get('b')!.credentials.expiration).toBe(t.time.now() + HOUR);
  });
});
