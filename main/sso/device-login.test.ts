import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../secrets/secret-store';
import { clientsByRegion } from './clients';
import type { DevicePrompt } from './device-login';
import { SignInRequiredError } from '../credentials/errors';
import { SignInFailedError } from './errors';
import { SsoSessions } from './sso-sessions';
import { TokenCache } from './token-cache';
import type { StandinOptions } from '../../test-support/sso-standin';
import { standinPerTest } from '../../test-support/standin-per-test';

/** The device flow through the real @aws-sdk/client-sso-oidc against the stand-in, on a fake clock shared by both. */

/** What the person reads when the code shown to them ran out. */
const CODE_EXPIRED = /^the code [0-9A-F]{4}-[0-9A-F]{4} expired before it was approved; sign in again$/;

describe('device sign-in through the real SDK', () => {
  const startStandin = standinPerTest();

  async function setup(options: StandinOptions) {
    let clock = Date.UTC(2026, 0, 5, 9, 0, 0);
    const now = () => clock;
    const standin = await startStandin({ now, ...options });
    const sleeps: number[] = [];
    const hooks: { beforeSleep?: (n: number) => void } = {};
    const sleep = async (ms: number) => {
      sleeps.push(ms);
      hooks.beforeSleep?.(sleeps.length);
      clock += ms;
    };
    const secrets = new MemorySecretStore();
    const cache = new TokenCache(secrets);
    const sessions = new SsoSessions({ cache, clientsFor: clientsByRegion(standin.url), now, sleep });
    const instance = { startUrl: standin.startUrl, region: standin.region };
    const prompts: DevicePrompt[] = [];
    return { standin, sessions, cache, secrets, instance, prompts, sleeps, hooks, now, advance: (ms: number) => (clock += ms) };
  }

  it('shows the URL and code, and is signed in once the browser approves', async () => {
    const t = await setup({ approval: 'auto' });
    const token = await t.sessions.signIn(t.instance, (p) => t.prompts.push(p));
    expect(t.prompts).toHaveLength(1);
    expect(t.prompts[0]!.verificationUriComplete).toBe(`${t.standin.url}/start/#/device?user_code=${t.prompts[0]!.userCode}`);
    expect(t.prompts[0]!.userCode).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(token.accessToken).toMatch(/^aoa/);
    expect(token.refreshToken).toMatch(/^aor/);
    expect(await t.sessions.status(t.instance.startUrl)).toMatchObject({ signedIn: true, canRefresh: true });
    // The token is kept only in the secret store.
    expect(JSON.parse((await t.secrets.get(`sso-token:${t.instance.startUrl}`))!)).toMatchObject({ accessToken: token.accessToken });
  });

  it('keeps polling at the given interval while authorization is pending, then succeeds on approve()', async () => {
    const t = await setup({ approval: 'manual', interval: 3 });
    t.hooks.beforeSleep = (n) => {
      if (n === 4) t.standin.approve(t.prompts[0]!.userCode);
    };
    const token = await t.sessions.signIn(t.instance, (p) => t.prompts.push(p));
    expect(token.accessToken).toBeTruthy();
    expect(t.sleeps).toEqual([3000, 3000, 3000, 3000]);
    expect(t.standin.stats.requests['POST /token']).toBe(4);
    expect(t.standin.stats.slowDowns).toBe(0);
  });

  it('adds 5 seconds to the interval on slow_down, and keeps that pace', async () => {
    const t = await setup({ approval: 'auto', slowDownPolls: 1, pendingPolls: 2, interval: 5 });
    await t.sessions.signIn(t.instance, (p) => t.prompts.push(p));
    expect(t.sleeps).toEqual([5000, 10000, 10000, 10000]);
    // The stand-in answers slow_down again to anyone polling faster than asked: once means we obeyed.
    expect(t.standin.stats.slowDowns).toBe(1);
  });

  it('a client that ignored slow_down would be told again and again (the stand-in checks the pace)', async () => {
    const t = await setup({ approval: 'auto', slowDownPolls: 1, pendingPolls: 1, interval: 5, deviceCodeTtlSeconds: 120 });
    // Sleeps 5 s whatever it is asked to: every poll after the first slow_down is too fast.
    const stubborn = new SsoSessions({ cache: t.cache, clientsFor: clientsByRegion(t.standin.url), now: t.now, sleep: async () => void t.advance(5000) });
    await expect(stubborn.signIn(t.instance, () => undefined)).rejects.toMatchObject({ reason: 'expired', message: expect.stringMatching(CODE_EXPIRED) });
    expect(t.standin.stats.slowDowns).toBeGreaterThan(5);
  });

  it('says the sign-in was denied when the person refuses in the browser', async () => {
    const t = await setup({ approval: 'deny' });
    const attempt = t.sessions.signIn(t.instance, (p) => t.prompts.push(p));
    await expect(attempt).rejects.toBeInstanceOf(SignInFailedError);
    await expect(attempt).rejects.toMatchObject({ reason: 'denied', message: 'the sign-in was denied in the browser' });
    expect(await t.sessions.status(t.instance.startUrl)).toMatchObject({ signedIn: false });
  });

  it('says the code expired when nobody approves it in time', async () => {
    const t = await setup({ approval: 'manual', deviceCodeTtlSeconds: 60, interval: 5 });
    const attempt = t.sessions.signIn(t.instance, (p) => t.prompts.push(p));
    await expect(attempt).rejects.toMatchObject({ reason: 'expired', message: expect.stringMatching(CODE_EXPIRED) });
    expect(t.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(65_000);
  });

  it('reports expired_token from the service as an expired code', async () => {
    const t = await setup({ approval: 'expire' });
    const attempt = t.sessions.signIn(t.instance, () => undefined);
    await expect(attempt).rejects.toBeInstanceOf(SignInFailedError);
    await expect(attempt).rejects.toMatchObject({ reason: 'expired', message: expect.stringMatching(CODE_EXPIRED) });
    expect(t.standin.stats.requests['POST /token']).toBe(1);
  });

  it('reuses the client registration until it nears its expiry', async () => {
    const t = await setup({ approval: 'auto', clientSecretTtlSeconds: 2 * 86400 });
    await t.sessions.signIn(t.instance, () => undefined);
    await t.sessions.signIn(t.instance, () => undefined);
    expect(t.standin.stats.requests['POST /client/register']).toBe(1);
    t.advance(2 * 86400 * 1000 - 30 * 60_000); // half an hour before the secret expires
    await t.sessions.signIn(t.instance, () => undefined);
    expect(t.standin.stats.requests['POST /client/register']).toBe(2);
  });

  it('renews the session with the refresh token, and asks for sign-in once that is refused', async () => {
    const t = await setup({ approval: 'auto', accessTokenTtlSeconds: 3600 });
    const first = await t.sessions.signIn(t.instance, () => undefined);
    expect(await t.sessions.accessToken(t.instance)).toBe(first.accessToken);
    t.advance(50 * 60_000); // 10 minutes left: inside the refresh window
    const renewed = await t.sessions.accessToken(t.instance);
    expect(renewed).not.toBe(first.accessToken);
    expect(t.standin.stats.requests['POST /token']).toBe(2);
    t.standin.revokeTokens();
    t.advance(61 * 60_000);
    const renewal = t.sessions.accessToken(t.instance);
    await expect(renewal).rejects.toBeInstanceOf(SignInRequiredError);
    await expect(renewal).rejects.toThrow(`sign in to ${t.instance.startUrl} again: the session could not be renewed (InvalidGrantException: refresh token is invalid or revoked)`);
  });

  it('stops polling when cancelled', async () => {
    const t = await setup({ approval: 'manual' });
    const abort = new AbortController();
    t.hooks.beforeSleep = (n) => {
      if (n === 2) abort.abort();
    };
    await expect(t.sessions.signIn(t.instance, () => undefined, abort.signal)).rejects.toMatchObject({ reason: 'cancelled', message: 'sign-in cancelled' });
    expect(t.standin.stats.requests['POST /token']).toBe(1);
  });
});
