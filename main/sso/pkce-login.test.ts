import { request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../secrets/secret-store';
import { clientsByRegion } from './clients';
import { SignInFailedError } from './errors';
import type { BrowserPrompt } from './pkce-login';
import { SsoSessions } from './sso-sessions';
import { TokenCache } from './token-cache';
import { browserStandin } from '../../test-support/browser-standin';
import type { StandinOptions } from '../../test-support/sso-standin';
import { standinPerTest } from '../../test-support/standin-per-test';

/** Sign-in with the authorization code flow and PKCE through the real @aws-sdk/client-sso-oidc against the stand-in's authorize page. */

const startStandin = standinPerTest();

async function setup(options: StandinOptions = {}) {
  const standin = await startStandin(options);
  const secrets = new MemorySecretStore();
  const cache = new TokenCache(secrets);
  const sessions = new SsoSessions({ cache, clientsFor: clientsByRegion(standin.url), now: Date.now, sleep: async () => undefined });
  const instance = { startUrl: standin.startUrl, region: standin.region };
  const browser = browserStandin();
  const prompts: BrowserPrompt[] = [];
  const signIn = (over: { open?: (url: string) => Promise<void>; timeoutMs?: number; signal?: AbortSignal } = {}) =>
    sessions.signInWithBrowser(instance, { open: over.open ?? browser.open, onPrompt: (p) => prompts.push(p), ...(over.timeoutMs ? { timeoutMs: over.timeoutMs } : {}) }, over.signal);
  return { standin, secrets, cache, sessions, instance, browser, prompts, signIn };
}

/** The loopback listener's port, from the redirect_uri the authorize URL carried. */
const listenerPort = (prompt: BrowserPrompt) => Number(new URL(new URL(prompt.authorizeUrl).searchParams.get('redirect_uri')!).port);

/** Whether anything still listens on the port (the one-shot listener must be gone). */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** A GET to the listener as a browser tab would send it, with the Host header it names. */
const get = (port: number, path: string, host = `127.0.0.1:${port}`) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.once('error', reject);
    req.end();
  });

const storedToken = (secrets: MemorySecretStore, startUrl: string) => secrets.get(`sso-token:${startUrl}`);

describe('browser sign-in with PKCE through the real SDK', () => {
  it('registers for the authorization code grant, opens the authorize page, and is signed in when the browser comes back; the tab says it can be closed', async () => {
    const t = await setup();
    const token = await t.signIn();
    expect(t.standin.stats.registrations).toEqual([
      { grantTypes: ['authorization_code', 'refresh_token'], redirectUris: ['http://127.0.0.1/oauth/callback'], issuerUrl: t.standin.startUrl },
    ]);
    expect(t.prompts).toHaveLength(1);
    const authorize = new URL(t.prompts[0]!.authorizeUrl);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${t.standin.url}/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toEqual({
      response_type: 'code',
      client_id: expect.stringMatching(/^cid/),
      redirect_uri: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/),
      state: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
      scopes: 'sso:account:access',
    });
    await t.browser.settled();
    expect(t.browser.visits).toEqual([{ opened: authorize.href, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback\?code=/), status: 200, text: expect.any(String) }]);
    expect(t.browser.visits[0]!.text).toContain(`RoleTray is signed in to ${t.standin.startUrl}.</p><p>You can close this tab.`);
    expect(t.standin.stats.grants).toEqual({ authorization_code: 1 });
    expect(token).toMatchObject({ accessToken: expect.stringMatching(/^aoa/), refreshToken: expect.stringMatching(/^aor/), flow: 'pkce' });
    expect(JSON.parse((await storedToken(t.secrets, t.instance.startUrl))!)).toMatchObject({ accessToken: token.accessToken });
    expect(await t.sessions.status(t.instance.startUrl)).toMatchObject({ signedIn: true, canRefresh: true });
    expect(await listening(listenerPort(t.prompts[0]!))).toBe(false);
  });

  it('says the sign-in was denied when the person refuses on the authorize page: nothing stored, listener closed', async () => {
    const t = await setup({ consent: 'deny' });
    const attempt = t.signIn();
    await expect(attempt).rejects.toBeInstanceOf(SignInFailedError);
    await expect(attempt).rejects.toMatchObject({ reason: 'denied', message: 'the sign-in was denied in the browser' });
    await t.browser.settled();
    expect(t.browser.visits[0]).toMatchObject({ status: 400, text: expect.stringContaining('the sign-in was denied in the browser') });
    expect(await storedToken(t.secrets, t.instance.startUrl)).toBeUndefined();
    expect(t.standin.stats.grants).toEqual({});
    expect(await listening(listenerPort(t.prompts[0]!))).toBe(false);
  });

  it('refuses a browser that comes back with another state: no code is exchanged, nothing stored, listener closed', async () => {
    const t = await setup({ consent: 'wrong-state' });
    await expect(t.signIn()).rejects.toMatchObject({
      reason: 'rejected',
      message: 'the browser came back from a different sign-in (its state did not match), so nothing was stored; sign in again',
    });
    await t.browser.settled();
    expect(t.browser.visits[0]).toMatchObject({ status: 400, text: expect.stringContaining('its state did not match') });
    expect(t.standin.stats.requests['POST /token']).toBeUndefined();
    expect(await storedToken(t.secrets, t.instance.startUrl)).toBeUndefined();
    expect(await listening(listenerPort(t.prompts[0]!))).toBe(false);
  });

  it('gives up when the browser never comes back: nothing stored, listener closed', async () => {
    const t = await setup();
    const started = Date.now();
    await expect(t.signIn({ open: async () => undefined, timeoutMs: 1500 })).rejects.toMatchObject({
      reason: 'expired',
      message: 'the browser did not finish the sign-in within 2 seconds, so nothing was stored; sign in again',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(await storedToken(t.secrets, t.instance.startUrl)).toBeUndefined();
    expect(await listening(listenerPort(t.prompts[0]!))).toBe(false);
  });

  it('stops waiting when cancelled, and closes the listener', async () => {
    const t = await setup();
    const abort = new AbortController();
    const attempt = t.signIn({ open: async () => void setTimeout(() => abort.abort(), 50), signal: abort.signal });
    await expect(attempt).rejects.toMatchObject({ reason: 'cancelled', message: 'sign-in cancelled' });
    expect(await listening(listenerPort(t.prompts[0]!))).toBe(false);
  });

  it('a second request to the listener changes nothing and is told so; other paths and other host names are not the callback', async () => {
    const t = await setup();
    let callbackPath = '';
    // A browser that stops at the redirect, so the test sends the callback itself, twice at once.
    const open = async (url: string) => {
      const res = await fetch(url, { redirect: 'manual' });
      const location = new URL(res.headers.get('location')!);
      callbackPath = `${location.pathname}${location.search}`;
      const port = Number(location.port);
      expect(await get(port, '/favicon.ico')).toMatchObject({ status: 404 });
      expect(await get(port, callbackPath, `rebound.example:${port}`)).toMatchObject({ status: 400, text: expect.stringContaining('only answers as 127.0.0.1:') });
      void Promise.all([get(port, callbackPath), get(port, callbackPath)]).then((pages) => answers.push(...pages));
    };
    const answers: { status: number; text: string }[] = [];
    await t.signIn({ open });
    await expect.poll(() => answers.length).toBe(2);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.text).toContain('This sign-in was already decided by an earlier page; this one changes nothing.');
    expect(t.standin.stats.grants).toEqual({ authorization_code: 1 });
    expect(await listening(listenerPort(t.prompts[0]!))).toBe(false);
  });

  it('when no browser opens, says why and still signs in once the person opens the page themselves', async () => {
    const t = await setup();
    const attempt = t.signIn({ open: async () => Promise.reject(new Error('xdg-open: not found')) });
    await expect.poll(() => t.prompts.length).toBe(1);
    expect(t.prompts[0]!.openError).toBe('xdg-open: not found');
    await t.browser.open(t.prompts[0]!.authorizeUrl);
    await expect(attempt).resolves.toMatchObject({ flow: 'pkce' });
  });

  it('renews the session through its own registration with the refresh token', async () => {
    const t = await setup();
    const first = await t.signIn();
    const renewed = await t.sessions.renew(t.instance);
    expect(renewed.accessToken).not.toBe(first.accessToken);
    expect(t.standin.stats.grants).toEqual({ authorization_code: 1, refresh_token: 1 });
    expect(await t.sessions.accessToken(t.instance)).toBe(renewed.accessToken);
  });

  it('a saved registration the service forgot: the authorize page refuses it, the wait times out, and the next sign-in registers afresh', async () => {
    const t = await setup();
    await t.cache.saveRegistration(t.instance.startUrl, { region: t.instance.region, clientId: 'cid-forgotten', clientSecret: 'csec-x', clientSecretExpiresAt: Date.now() / 1000 + 86400, refreshGrant: true }, 'pkce');
    await expect(t.signIn({ timeoutMs: 1000 })).rejects.toMatchObject({ reason: 'expired' });
    await t.browser.settled();
    expect(t.browser.visits[0]).toMatchObject({ status: 400, text: expect.stringContaining('Unknown client.') });
    expect(await t.cache.registration(t.instance.startUrl, 'pkce')).toBeUndefined();
    await expect(t.signIn()).resolves.toMatchObject({ flow: 'pkce' });
    expect(t.standin.stats.registrations).toHaveLength(1);
  });
});
