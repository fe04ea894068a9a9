import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppState, SignInMethod, SsoView } from '../../preload/api';
import { jsonLog } from '../log';
import { MemorySecretStore } from '../secrets/secret-store';
import { JsonSettingsStore } from '../settings/json-settings-store';
import { trayMenu, type TrayItem } from '../tray/tray-menu';
import { runTrayAction } from '../tray/tray-actions';
import { AlertPolicy } from './alerts';
import { createAppCore, type AppCore } from './app-core';
import { SESSION_ENDED } from './sign-in-state';
import { browserStandin } from '../../test-support/browser-standin';
import { isolateAwsEnvironment, startSsoStandin, type SsoStandin, type StandinOptions } from '../../test-support/sso-standin';

/**
 * The core's sign-in: a browser sign-in (PKCE) or a device code, chosen by the caller or by the
 * composition root; one waiting sign-in per instance, reused; and the session's end announced in
 * the tray, the notifications and the window, without ever opening a browser unasked.
 */

const MIN = 60_000;
const OTHER_START_URL = 'https://d-other.awsapps.com/start';

let restoreEnv: (() => void) | undefined;
const open: { core: AppCore; standin: SsoStandin }[] = [];
afterEach(async () => {
  for (const { core, standin } of open.splice(0)) {
    await core.stop();
    await standin.close();
  }
  restoreEnv?.();
});

interface CoreOptions {
  standin?: StandinOptions;
  signInMethod?: SignInMethod;
  openExternal: (url: string) => Promise<void>;
  /** A fake clock and timers for both the core and the stand-in; real ones when absent. */
  clock?: { now: () => number; setTimer: (fn: () => void, ms: number) => unknown; clearTimer: (handle: unknown) => void };
}

async function startCore(options: CoreOptions) {
  restoreEnv = isolateAwsEnvironment();
  // Without a fake clock, real time plus what the device flow's polling waits, which passes at once.
  let waited = 0;
  const now = options.clock?.now ?? (() => Date.now() + waited);
  const standin = await startSsoStandin({ interval: 1, accounts: 2, rolesPerAccount: 2, now, ...options.standin });
  const configDir = mkdtempSync(join(tmpdir(), 'roletray-sign-in-'));
  const core = createAppCore({
    configDir,
    secrets: new MemorySecretStore(),
    secretsAvailable: true,
    settings: await JsonSettingsStore.open(join(configDir, 'settings.json')),
    port: 0,
    ssoEndpoint: standin.url,
    now,
    sleep: async (ms) => void (waited += ms),
    openExternal: options.openExternal,
    ...(options.signInMethod ? { signInMethod: options.signInMethod } : {}),
    ...(options.clock ? { timers: { setTimer: options.clock.setTimer, clearTimer: options.clock.clearTimer } } : {}),
    log: jsonLog(() => undefined),
  });
  await core.start();
  open.push({ core, standin });
  const instance = { startUrl: standin.startUrl, region: standin.region };
  const sso = (startUrl = standin.startUrl) => core.state().sso.find((s) => s.startUrl === startUrl);
  return { core, standin, instance, sso, until: (test: (s: AppState) => boolean) => until(core, test) };
}

/** The first state that passes `test` (the current one included), within 10 s. */
function until(core: AppCore, test: (s: AppState) => boolean): Promise<AppState> {
  return new Promise((resolve, reject) => {
    if (test(core.state())) return resolve(core.state());
    const timer = setTimeout(() => (off(), reject(new Error(`state never matched: ${JSON.stringify(core.state().sso)}`))), 10_000);
    const off = core.subscribe((s) => {
      if (!test(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

const ok = async <T>(r: Promise<{ ok: true; value: T } | { ok: false; error: string }>) => {
  const result = await r;
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

/** An opener that only notes the page, so the test decides when (and whether) the browser goes there. */
function notingOpener() {
  const opened: string[] = [];
  return { opened, open: async (url: string) => void opened.push(url) };
}

describe('signing in from the core', () => {
  it('with a browser sign-in as the default, shows the page while it waits, and is signed in with the roles once the browser comes back', async () => {
    const browser = notingOpener();
    const t = await startCore({ signInMethod: 'pkce', openExternal: browser.open });
    expect(await t.core.ops.signIn(t.instance)).toEqual({ ok: true, value: undefined });
    const waiting = await t.until((s) => s.sso[0]?.browserSignIn !== undefined);
    expect(browser.opened).toHaveLength(1);
    expect(waiting.sso[0]).toMatchObject({ signedIn: false, browserSignIn: { url: browser.opened[0], expiresAt: expect.any(Number) } });
    expect(waiting.sso[0]!.signIn).toBeUndefined();
    const tab = browserStandin();
    await tab.open(browser.opened[0]!);
    const signedIn = await t.until((s) => s.sso[0]?.signedIn === true && s.sso[0].roleCount === 4);
    expect(signedIn.sso[0]).toMatchObject({ signedIn: true, renews: true, roleCount: 4 });
    expect(signedIn.sso[0]!.browserSignIn).toBeUndefined();
    await tab.settled();
    expect(tab.visits[0]!.text).toContain('You can close this tab.');
    expect(t.standin.stats.grants).toEqual({ authorization_code: 1 });
  });

  it('the method asked for wins over the default: a device code, and no browser opened by the core', async () => {
    const browser = notingOpener();
    const t = await startCore({ signInMethod: 'pkce', openExternal: browser.open, standin: { pendingPolls: 2 } });
    await ok(t.core.ops.signIn({ ...t.instance, method: 'device' }));
    const prompted = await t.until((s) => s.sso[0]?.signIn !== undefined);
    expect(prompted.sso[0]!.signIn!.userCode).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    await t.until((s) => s.sso[0]?.signedIn === true);
    expect(browser.opened).toEqual([]);
    expect(t.standin.stats.grants).toEqual({ device_code: 1 });
  });

  it('without a default from the composition root, signs in with a device code, which needs no browser here', async () => {
    const browser = notingOpener();
    const t = await startCore({ openExternal: browser.open });
    await ok(t.core.ops.signIn(t.instance));
    await t.until((s) => s.sso[0]?.signedIn === true);
    expect(t.standin.stats.grants).toEqual({ device_code: 1 });
    expect(t.standin.stats.authorizations).toBe(0);
  });

  it('a sign-in while one waits reuses it: one registration, its page opened again; another method replaces it', async () => {
    const browser = notingOpener();
    const t = await startCore({ signInMethod: 'pkce', openExternal: browser.open });
    await ok(t.core.ops.signIn(t.instance));
    await t.until((s) => s.sso[0]?.browserSignIn !== undefined);
    await ok(t.core.ops.signIn(t.instance));
    await ok(t.core.ops.signIn({ ...t.instance, method: 'pkce' }));
    expect(browser.opened).toHaveLength(3);
    expect(new Set(browser.opened).size).toBe(1);
    expect(t.standin.stats.registrations).toHaveLength(1);

    // Switching to a device code cancels the waiting browser sign-in: its page leads nowhere now.
    await ok(t.core.ops.signIn({ ...t.instance, method: 'device' }));
    await t.until((s) => s.sso[0]?.signedIn === true);
    const late = browserStandin();
    await late.open(browser.opened[0]!);
    await expect(late.settled()).rejects.toThrow(/fetch failed/);
    expect(t.sso()!.error).toBeUndefined();
  });

  it('validates the method at the door', async () => {
    const t = await startCore({ openExternal: async () => undefined });
    const { createDoor } = await import('./ipc-door');
    const door = createDoor(t.core.ops, () => true);
    expect(await door('signIn', undefined, { ...t.instance, method: 'password' })).toEqual({ ok: false, error: 'sign-in: "method" is missing or of the wrong type' });
  });

  it('several instances at once, each with its own sign-in: one cancelled, the other signed in', async () => {
    const browser = notingOpener();
    const t = await startCore({ signInMethod: 'pkce', openExternal: browser.open, standin: { otherStartUrls: [OTHER_START_URL] } });
    const other = { startUrl: OTHER_START_URL, region: t.instance.region };
    await ok(t.core.ops.signIn(t.instance));
    await ok(t.core.ops.signIn(other));
    const both = await t.until((s) => s.sso.length === 2 && s.sso.every((x) => x.browserSignIn !== undefined));
    const pageOf = (v: SsoView | undefined) => v!.browserSignIn!.url;
    const [first, second] = [pageOf(both.sso.find((x) => x.startUrl === t.instance.startUrl)), pageOf(both.sso.find((x) => x.startUrl === OTHER_START_URL))];
    // Each listens on its own port.
    expect(new URL(new URL(first).searchParams.get('redirect_uri')!).port).not.toBe(new URL(new URL(second).searchParams.get('redirect_uri')!).port);
    await ok(t.core.ops.cancelSignIn(OTHER_START_URL));
    await browserStandin().open(first);
    const after = await t.until((s) => s.sso.find((x) => x.startUrl === t.instance.startUrl)?.signedIn === true);
    expect(after.sso.find((x) => x.startUrl === OTHER_START_URL)).toMatchObject({ signedIn: false });
    expect(after.sso.find((x) => x.startUrl === OTHER_START_URL)!.browserSignIn).toBeUndefined();
    expect(after.sso.find((x) => x.startUrl === OTHER_START_URL)!.error).toBeUndefined();
  });
});

describe("a session's end, with a fake clock", () => {
  it('renews silently, then warns 30 and 5 minutes ahead and at the end in the tray, a notification and the window, with one click to sign in; no browser opens unasked', async () => {
    let clock = Date.UTC(2026, 2, 2, 8, 0, 0);
    const start = clock;
    const timers = new Map<number, { at: number; fn: () => void }>();
    let nextId = 0;
    const browser = browserStandin();
    const t = await startCore({
      signInMethod: 'pkce',
      openExternal: browser.open,
      // One-hour access tokens, a 7 h 40 min Identity Center session.
      standin: { accessTokenTtlSeconds: 3600, sessionDurationSeconds: 460 * 60 },
      clock: {
        now: () => clock,
        setTimer: (fn, ms) => (timers.set(++nextId, { at: clock + ms, fn }), nextId),
        clearTimer: (id) => void timers.delete(id as number),
      },
    });
    await ok(t.core.ops.signIn(t.instance));
    await t.until((s) => s.sso[0]?.signedIn === true && s.sso[0].catalogFetchedAt !== undefined);
    await browser.settled();

    const alerts = new AlertPolicy();
    const seen: { minute: number; icon: string; lines: string[]; alerts: string[]; window: Partial<SsoView> }[] = [];
    const linesOf = (items: TrayItem[]) => items.flatMap((i) => (i.kind !== 'separator' && /Session for|Sign in to/.test(i.label) ? [i.label] : []));
    while (clock < start + 470 * MIN) {
      clock += MIN;
      for (const [id, timer] of timers) {
        if (timer.at > clock) continue;
        timers.delete(id);
        // Each renewal, warning moment and end is read back and published as a new state.
        const published = new Promise<void>((resolve) => {
          const off = t.core.subscribe(() => (off(), resolve()));
        });
        timer.fn();
        await published;
      }
      const state = t.core.state();
      const tray = trayMenu(state, clock);
      const view = state.sso[0]!;
      seen.push({
        minute: (clock - start) / MIN,
        icon: tray.icon,
        lines: linesOf(tray.items),
        alerts: alerts.next(state, clock).map((a) => `${a.title}: ${a.body}${a.signIn?.startUrl === t.instance.startUrl ? ' [Sign in]' : ''}`),
        window: { signedIn: view.signedIn, ...(view.sessionExpiresAt ? { sessionExpiresAt: view.sessionExpiresAt } : {}), ...(view.sessionWarning ? { sessionWarning: view.sessionWarning } : {}), ...(view.error ? { error: view.error } : {}) },
      });
    }
    const at = (minute: number) => seen.find((s) => s.minute === minute)!;
    const end = start + 460 * MIN;

    // Renewed every 45 minutes without a prompt; the renewal at 6 h 45 min showed where the session ends.
    expect(t.standin.stats.grants).toEqual({ authorization_code: 1, refresh_token: 9 });
    expect(at(404)).toEqual({ minute: 404, icon: 'idle', lines: [], alerts: [], window: { signedIn: true } });
    expect(at(405)).toEqual({ minute: 405, icon: 'idle', lines: [], alerts: [], window: { signedIn: true, sessionExpiresAt: end } });
    expect(at(430)).toEqual({
      minute: 430,
      icon: 'expiring',
      lines: ['Session for d-standin.awsapps.com ends within 30 min', 'Sign in to d-standin.awsapps.com…'],
      alerts: ['AWS session ending: Your session for d-standin.awsapps.com ends in 30m. Sign in again to keep loaded roles refreshing. [Sign in]'],
      window: { signedIn: true, sessionExpiresAt: end, sessionWarning: 'ending' },
    });
    expect(at(431).alerts).toEqual([]);
    expect(at(455)).toMatchObject({
      lines: ['Session for d-standin.awsapps.com ends within 5 min', 'Sign in to d-standin.awsapps.com…'],
      alerts: ['AWS session ending: Your session for d-standin.awsapps.com ends in 5m. Sign in again to keep loaded roles refreshing. [Sign in]'],
    });
    expect(at(460)).toEqual({
      minute: 460,
      icon: 'attention',
      lines: ['Session for d-standin.awsapps.com has ended', 'Sign in to d-standin.awsapps.com…'],
      alerts: ['Sign in to AWS again: Your session for d-standin.awsapps.com has ended. Sign in to keep loaded roles refreshing. [Sign in]'],
      window: { signedIn: false, sessionExpiresAt: end, sessionWarning: 'ended', error: SESSION_ENDED },
    });
    expect(seen.slice(seen.indexOf(at(461))).every((s) => s.alerts.length === 0)).toBe(true);
    // Only the first sign-in's page was ever opened.
    expect(browser.visits).toHaveLength(1);
    expect(t.standin.stats.authorizations).toBe(1);

    // One click on the tray's sign-in opens the page: that click is what opens a browser.
    const click = trayMenu(t.core.state(), clock).items.find((i) => i.kind === 'action' && i.label === 'Sign in to d-standin.awsapps.com…');
    expect(click?.kind === 'action' && (await runTrayAction(click.action, t.core.ops, t.core.state(), { copy: async () => undefined, showWindow: () => undefined, revealLogs: () => undefined, installCli: async () => ({ ok: true, value: undefined }), quit: () => undefined, platform: 'linux' }))).toEqual({ ok: true, value: undefined });
    const again = await t.until((s) => s.sso[0]?.signedIn === true);
    await browser.settled();
    expect(again.sso[0]!.sessionWarning).toBeUndefined();
    expect(again.sso[0]!.error).toBeUndefined();
    expect(browser.visits).toHaveLength(2);
  });
});
