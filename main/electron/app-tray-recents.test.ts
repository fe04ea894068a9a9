// The composition root's tray with chains and IAM users among its recents, run on the typed
// stand-in for Electron with the real core against the STS stand-in: an IAM user loaded once is
// offered under Recent and a click loads it into the default slot again; a pinned one whose
// session must be made asks for its MFA code as any load does, bringing the window forward.
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

type MenuItem = { label?: string; click?: () => void; checked?: boolean; enabled?: boolean };
const seen = fake.record;
/** Each check is retried every 20 ms until the app has acted. */
const SETTLES = { timeout: 6_000, interval: 20 };
const win = () => seen.windows[0]!;
const call = callFromWindow;
const state = windowState;

const trayMenu = () => (seen.trays[0]!.menu ?? []) as MenuItem[];
const trayLabels = () => trayMenu().map((i) => i.label);
const trayItem = (label: string) => trayMenu().find((i) => i.label === label);
/** The labels of a section of the tray ("Pinned", "Recent"): the items after its heading, up to the next separator. */
const section = (heading: string) => {
  const labels = trayLabels();
  const start = labels.indexOf(heading);
  if (start < 0) return [];
  const end = labels.indexOf(undefined, start);
  return labels.slice(start + 1, end < 0 ? undefined : end);
};

function promptFor(profileName: string): Promise<MfaPromptView> {
  return vi.waitFor(async () => {
    const prompt = (await state()).mfaPrompts.find((p) => p.profileName === profileName);
    expect(prompt, `a prompt for ${profileName}`).toBeDefined();
    return prompt!;
  }, SETTLES);
}

describe('the tray\'s Recent and Pinned lists with IAM users (typed stand-in for Electron)', () => {
  let sts: StsStandin;
  let restoreEnv: () => void;
  let alice: StsUser;
  let bob: StsUser;

  beforeAll(async () => {
    sts = await startStsStandin();
    alice = sts.addUser({ userName: 'alice', accountId: '111111111111', mfa: {} });
    bob = sts.addUser({ userName: 'bob', accountId: '111111111111', mfa: {} });
    restoreEnv = isolateAwsEnvironment({ AWS_ENDPOINT_URL_STS: sts.url });
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

  it('an IAM user loaded once is under Recent, checked while it is in the default slot; a click loads it there again', async () => {
    expect(trayLabels()).not.toContain('Recent');
    const loading = call('loadProfile', { profile: 'alice' });
    const prompt = await promptFor('alice');
    expect(await call('answerMfa', { id: prompt.id, code: sts.mfaCode(alice.mfa!.serial) })).toEqual({ ok: true, value: undefined });
    expect(await loading).toEqual({ ok: true, value: { slot: '', profileName: 'alice' } });
    await vi.waitFor(() => expect(section('Recent')).toEqual(['alice (IAM user)']), SETTLES);
    expect(trayItem('alice (IAM user)')).toMatchObject({ type: 'checkbox', checked: true });

    expect(await call('unload', '')).toEqual({ ok: true, value: undefined });
    await vi.waitFor(() => expect(trayItem('alice (IAM user)')).toMatchObject({ checked: false }), SETTLES);
    trayItem('alice (IAM user)')!.click!();
    // Its MFA session is cached: no second code.
    await vi.waitFor(async () => expect((await state()).slots).toMatchObject([{ name: '', profileName: 'alice', source: 'iam-user' }]), SETTLES);
    expect((await state()).mfaPrompts).toEqual([]);
    await vi.waitFor(() => expect(trayItem('alice (IAM user)')).toMatchObject({ checked: true }), SETTLES);
  });

  it('a pinned IAM user is under Pinned; a click that needs a code brings the window forward with the prompt, and the code loads it', async () => {
    expect(await call('setPinned', { profile: 'bob', pinned: true })).toEqual({ ok: true, value: undefined });
    await vi.waitFor(() => expect(section('Pinned')).toEqual(['bob (IAM user)']), SETTLES);
    win().close();
    trayItem('bob (IAM user)')!.click!();
    const prompt = await promptFor('bob');
    expect(prompt.reason).toBe('to load bob');
    await vi.waitFor(() => expect(win(), 'the window came forward').toMatchObject({ visible: true, focused: true }), SETTLES);
    await vi.waitFor(() => expect(trayLabels()).toContain('Enter MFA code…'), SETTLES);
    expect(await call('answerMfa', { id: prompt.id, code: sts.mfaCode(bob.mfa!.serial) })).toEqual({ ok: true, value: undefined });
    await vi.waitFor(async () => expect((await state()).slots).toMatchObject([{ name: '', profileName: 'bob', source: 'iam-user' }]), SETTLES);
    // Loaded from the tray, it is also the newest recent; shown once, under Pinned.
    await vi.waitFor(() => expect(section('Recent')).toEqual(['alice (IAM user)']), SETTLES);
    expect((await state()).history.recents.map((e) => e.profileName)).toEqual(['bob', 'alice']);
    expect(trayItem('bob (IAM user)')).toMatchObject({ checked: true });
  });

  it('a removed IAM user leaves the tray', async () => {
    expect(await call('removeIamUser', 'bob')).toEqual({ ok: true, value: undefined });
    await vi.waitFor(() => expect(trayLabels()).not.toContain('Pinned'), SETTLES);
    expect(trayLabels()).not.toContain('bob (IAM user)');
    expect(section('Recent')).toEqual(['alice (IAM user)']);
  });
});
