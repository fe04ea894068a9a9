import { describe, expect, it } from 'vitest';
import { appState, slot, START_URL } from '../../test-support/app-state';
import { ALERT_EXPIRING_MS, AlertPolicy, nextAlertChange } from './alerts';

const NOW = Date.parse('2026-11-25T12:00:00Z');

describe('AlertPolicy', () => {
  it('announces pushed credentials about to expire once, not every minute', () => {
    const policy = new AlertPolicy();
    const state = appState({ slots: [slot('', NOW + 9 * 60_000, { source: 'pushed' })] });
    expect(policy.next(state, NOW)).toEqual([{ title: 'Credentials expiring', body: '012345678901:Admin expires in 9m.' }]);
    expect(policy.next(state, NOW + 60_000)).toEqual([]);
    expect(policy.next(state, NOW + 120_000)).toEqual([]);
  });

  it('says nothing for SSO credentials that are being refreshed', () => {
    expect(new AlertPolicy().next(appState({ slots: [slot('', NOW + 5 * 60_000)] }), NOW)).toEqual([]);
  });

  it('announces a needed sign-in once per slot, and again only after it was resolved and came back', () => {
    const policy = new AlertPolicy();
    const needs = appState({ slots: [slot('ci', NOW + 3_600_000, { refresh: 'needs-login' })] });
    const signIn = [{ title: 'Sign in to AWS again', body: 'ci (slot ci) cannot be refreshed until you sign in.' }];
    expect(policy.next(needs, NOW)).toEqual(signIn);
    expect(policy.next(needs, NOW + 60_000)).toEqual([]);
    expect(policy.next(appState({ slots: [slot('ci', NOW + 3_600_000)] }), NOW + 120_000)).toEqual([]);
    expect(policy.next(needs, NOW + 180_000)).toEqual(signIn);
  });

  it('announces a server that failed to start, with the reason', () => {
    const policy = new AlertPolicy();
    const down = appState({ server: { ...appState().server, listening: false, error: 'Port 4144 on 127.0.0.1 is already in use' } });
    expect(policy.next(down, NOW)).toEqual([{ title: 'RoleTray server is not running', body: 'Port 4144 on 127.0.0.1 is already in use' }]);
    expect(policy.next(down, NOW)).toEqual([]);
  });
});

describe('session warnings', () => {
  const END = NOW + 2 * 3_600_000;
  const withSession = (signedIn = true) => appState({ sso: [{ startUrl: START_URL, region: 'eu-west-1', signedIn, roleCount: 3, sessionExpiresAt: END }] });
  const signIn = { startUrl: START_URL, region: 'eu-west-1' };

  it('30 and 5 minutes before the session ends and at its end, once each, every one a click away from signing in', () => {
    const policy = new AlertPolicy();
    expect(policy.next(withSession(), END - 31 * 60_000)).toEqual([]);
    expect(policy.next(withSession(), END - 30 * 60_000)).toEqual([
      { title: 'AWS session ending', body: 'Your session for example-sso.awsapps.com ends in 30m. Sign in again to keep loaded roles refreshing.', signIn },
    ]);
    expect(policy.next(withSession(), END - 20 * 60_000)).toEqual([]);
    expect(policy.next(withSession(), END - 5 * 60_000)).toEqual([
      { title: 'AWS session ending', body: 'Your session for example-sso.awsapps.com ends in 5m. Sign in again to keep loaded roles refreshing.', signIn },
    ]);
    expect(policy.next(withSession(false), END)).toEqual([{ title: 'Sign in to AWS again', body: 'Your session for example-sso.awsapps.com has ended. Sign in to keep loaded roles refreshing.', signIn }]);
    expect(policy.next(withSession(false), END + 60_000)).toEqual([]);
  });

  it('says nothing of a session that renews with no known end', () => {
    expect(new AlertPolicy().next(appState(), NOW)).toEqual([]);
  });

  it('wakes the shell at each warning moment and at the end', () => {
    expect(nextAlertChange(withSession(), NOW)).toBe(END - 30 * 60_000);
    expect(nextAlertChange(withSession(), END - 30 * 60_000)).toBe(END - 5 * 60_000);
    expect(nextAlertChange(withSession(), END - 5 * 60_000)).toBe(END);
    expect(nextAlertChange(withSession(), END)).toBeUndefined();
  });
});

describe('nextAlertChange', () => {
  it('is the first millisecond of the last ten minutes of credentials nothing refreshes, then their expiry', () => {
    const expiry = NOW + 25 * 60_000;
    const state = appState({ slots: [slot('', expiry, { source: 'pushed' })] });
    const enters = nextAlertChange(state, NOW)!;
    expect(enters).toBe(expiry - ALERT_EXPIRING_MS + 1);
    const policy = new AlertPolicy();
    expect(policy.next(state, enters - 1)).toEqual([]);
    expect(policy.next(state, enters)).toEqual([{ title: 'Credentials expiring', body: '012345678901:Admin expires in 9m.' }]);
    expect(nextAlertChange(state, enters)).toBe(expiry);
  });

  it('takes the earliest slot, and ignores slots that are refreshed, wait for a sign-in, or have expired', () => {
    const state = appState({
      slots: [
        slot('a', NOW + 60 * 60_000, { source: 'pushed' }),
        slot('b', NOW + 30 * 60_000, { refresh: 'retrying' }),
        slot('c', NOW + 11 * 60_000),
        slot('d', NOW + 11 * 60_000, { refresh: 'needs-login' }),
        slot('e', NOW - 1, { source: 'pushed' }),
      ],
    });
    expect(nextAlertChange(state, NOW)).toBe(NOW + 20 * 60_000 + 1);
    expect(nextAlertChange(appState({ slots: [slot('c', NOW + 11 * 60_000)] }), NOW)).toBeUndefined();
  });
});
