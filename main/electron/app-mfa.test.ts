// The composition root when RoleTray waits for an MFA code, run on the typed stand-in for Electron
// with the real core against the STS stand-in: the window comes forward (with a notification when
// they are on) once per new prompt, and the tray offers "Enter MFA code…" while one waits.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MfaPromptView } from '../../preload/api';
import { fake } from '../../test-support/fake-electron';
import { callFromWindow, runOnFakeElectron, windowState } from '../../test-support/fake-electron-app';
import { isolateAwsEnvironment } from '../../test-support/sso-standin';
import { startStsStandin, type StsStandin, type StsUser } from '../../test-support/sts-standin';

vi.mock('electron', async () => {
  const { electron } = await import('../../test-support/fake-electron');
  return { ...electron, default: electron };
});

type MenuItem = { label?: string; click?: () => void };
const seen = fake.record;
/** Each check is retried every 20 ms until the app has acted. */
const SETTLES = { timeout: 6_000, interval: 20 };
const win = () => seen.windows[0]!;

const call = callFromWindow;
const state = windowState;

const trayLabels = () => ((seen.trays[0]!.menu ?? []) as MenuItem[]).map((i) => i.label);
const trayItem = (label: string) => ((seen.trays[0]!.menu ?? []) as MenuItem[]).find((i) => i.label === label);

/** The prompt for `profileName`, once the core has raised it. */
function promptFor(profileName: string): Promise<MfaPromptView> {
  return vi.waitFor(async () => {
    const prompt = (await state()).mfaPrompts.find((p) => p.profileName === profileName);
    expect(prompt, `a prompt for ${profileName}`).toBeDefined();
    return prompt!;
  }, SETTLES);
}

describe('the Electron composition root while an MFA code is awaited (typed stand-in for Electron)', () => {
  let sts: StsStandin;
  let restoreEnv: () => void;
  let alice: StsUser;
  let bob: StsUser;

  beforeAll(async () => {
    sts = await startStsStandin();
    alice = sts.addUser({ userName: 'alice', accountId: '111111111111', mfa: {} });
    bob = sts.addUser({ userName: 'bob', accountId: '111111111111', mfa: {} });
    // The SDK's own endpoint resolution takes the stand-in, as the app's STS calls would take AWS.
    restoreEnv = isolateAwsEnvironment({ AWS_ENDPOINT_URL_STS: sts.url });
    // Configured already: the window stays hidden at start.
    await runOnFakeElectron({
      platform: 'linux',
      execPath: '/opt/RoleTray/roletray',
      settings: { ssoInstances: [{ startUrl: 'https://example-sso.awsapps.com/start', region: 'eu-west-1' }] },
    });
    fake.becomeReady();
    await vi.waitFor(() => expect(seen.trays, 'the tray exists').toHaveLength(1), SETTLES);
    for (const user of [alice, bob]) {
      expect(await call('addIamUser', { name: user.userName, accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey, mfaSerial: user.mfa!.serial })).toEqual({ ok: true, value: undefined });
    }
  });

  afterAll(async () => {
    restoreEnv();
    await sts.close();
  });

  it('a load waiting for a code brings the hidden window forward, focused, with a notification saying what for; the tray offers the code', async () => {
    expect(win().visible).toBe(false);
    const notified = seen.notifications.length;
    const loading = call('loadProfile', { profile: 'alice' });
    const prompt = await promptFor('alice');
    await vi.waitFor(() => expect(win(), 'the window came forward').toMatchObject({ visible: true, focused: true }), SETTLES);
    expect(seen.notifications.slice(notified)).toEqual([{ title: 'MFA code needed', body: `Enter the code of ${alice.mfa!.serial} for alice ${prompt.reason}.` }]);
    await vi.waitFor(() => expect(trayLabels()).toContain('Enter MFA code…'), SETTLES);

    // Closed while the same prompt waits: other changes of the state leave it closed, the tray item opens it.
    win().close();
    expect(await call('updateSettings', { theme: 'dark' })).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(win().visible).toBe(false);
    expect(seen.notifications).toHaveLength(notified + 1);
    trayItem('Enter MFA code…')!.click!();
    await vi.waitFor(() => expect(win().visible).toBe(true), SETTLES);

    expect(await call('answerMfa', { id: prompt.id, code: sts.mfaCode(alice.mfa!.serial) })).toEqual({ ok: true, value: undefined });
    expect(await loading).toEqual({ ok: true, value: { slot: '', profileName: 'alice' } });
    await vi.waitFor(() => expect(trayLabels()).not.toContain('Enter MFA code…'), SETTLES);
  });

  it('with notifications off the window still comes forward, and nothing else is shown', async () => {
    expect(await call('updateSettings', { notifications: false })).toMatchObject({ ok: true });
    win().close();
    const notified = seen.notifications.length;
    const loading = call('loadProfile', { profile: 'bob', slot: 'bob' });
    const prompt = await promptFor('bob');
    await vi.waitFor(() => expect(win()).toMatchObject({ visible: true, focused: true }), SETTLES);
    expect(seen.notifications).toHaveLength(notified);
    expect(await call('cancelMfa', prompt.id)).toEqual({ ok: true, value: undefined });
    expect(await loading).toMatchObject({ ok: false });
  });
});
