// The composition root's session alerts, run on the typed stand-in for Electron with the real core
// against the IAM Identity Center stand-in: "AWS session ending" is a notification, and clicking it
// brings the window forward with a new sign-in started.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fake } from '../../test-support/fake-electron';
import { callFromWindow, runOnFakeElectron, windowState } from '../../test-support/fake-electron-app';
import { isolateAwsEnvironment, startSsoStandin, type SsoStandin } from '../../test-support/sso-standin';

vi.mock('electron', async () => {
  const { electron } = await import('../../test-support/fake-electron');
  return { ...electron, default: electron };
});

const seen = fake.record;
/** Each check is retried every 20 ms until the app has acted. */
const SETTLES = { timeout: 8_000, interval: 20 };
const win = () => seen.windows[0]!;
const DEVICE_AUTHORIZATIONS = 'POST /device_authorization';

const call = callFromWindow;
const state = windowState;

describe('the Electron composition root when the IAM Identity Center session is ending (typed stand-in for Electron)', () => {
  let standin: SsoStandin;
  let restoreEnv: () => void;

  beforeAll(async () => {
    // A session that nothing renews, ending in 25 minutes: inside the first warning (30 minutes before the end) from the start.
    standin = await startSsoStandin({ accounts: 1, rolesPerAccount: 1, interval: 1, pendingPolls: 0, accessTokenTtlSeconds: 25 * 60, refreshTokens: false });
    restoreEnv = isolateAwsEnvironment({ AWS_ENDPOINT_URL_SSO: standin.url, AWS_ENDPOINT_URL_SSO_OIDC: standin.url });
    await runOnFakeElectron({
      platform: 'linux',
      execPath: '/opt/RoleTray/roletray',
      settings: { ssoInstances: [{ startUrl: standin.startUrl, region: standin.region }] },
      // No display: a sign-in is a device code, which the stand-in approves at once.
      env: () => {
        const env = { ...process.env };
        delete env.DISPLAY;
        delete env.WAYLAND_DISPLAY;
        return env;
      },
    });
    fake.becomeReady();
    await vi.waitFor(() => expect(seen.trays, 'the tray exists').toHaveLength(1), SETTLES);
  });

  afterAll(async () => {
    restoreEnv();
    await standin.close();
  });

  it('a click on "AWS session ending" brings the window forward and starts a sign-in', async () => {
    expect(await call('signIn', { startUrl: standin.startUrl, region: standin.region })).toEqual({ ok: true, value: undefined });
    await vi.waitFor(async () => expect((await state()).sso[0]).toMatchObject({ signedIn: true, sessionExpiresAt: expect.any(Number) }), SETTLES);
    const ending = await vi.waitFor(() => {
      const shown = seen.shownNotifications.find((n) => n.notification.title === 'AWS session ending');
      expect(shown, 'the session-ending notification').toBeDefined();
      return shown!;
    }, SETTLES);
    expect(ending.notification.body).toMatch(/^Your session for [^ ]+ ends in 2[45]m\. Sign in again to keep loaded roles refreshing\.$/);

    win().close();
    const before = standin.stats.requests[DEVICE_AUTHORIZATIONS] ?? 0;
    ending.click();
    await vi.waitFor(() => expect(win(), 'the window came forward').toMatchObject({ visible: true, focused: true }), SETTLES);
    await vi.waitFor(() => expect(standin.stats.requests[DEVICE_AUTHORIZATIONS] ?? 0, 'a new sign-in began').toBe(before + 1), SETTLES);
    await vi.waitFor(async () => expect((await state()).sso[0]?.signedIn).toBe(true), SETTLES);
  });
});
