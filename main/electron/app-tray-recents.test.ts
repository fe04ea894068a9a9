// The composition root's tray with chains and IAM users among its recents, run on the typed
// stand-in for Electron with the real core against the STS stand-in: an IAM user loaded once is
// offered under Recent and a click loads it into the default slot again; a pinned one whose
// session must be made asks for its MFA code as any load does, bringing the window forward.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fake } from '../../test-support/fake-electron';
import { callFromWindow as call, promptFor, runWithMfaUsers, SETTLES, trayItem, trayLabels, windowState as state } from '../../test-support/fake-electron-app';
import type { StsStandin, StsUser } from '../../test-support/sts-standin';

vi.mock('electron', async () => {
  const { electron } = await import('../../test-support/fake-electron');
  return { ...electron, default: electron };
});

const win = () => fake.record.windows[0]!;
/** The labels of a section of the tray ("Pinned", "Recent"): the items after its heading, up to the next separator. */
const section = (heading: string) => {
  const labels = trayLabels();
  const start = labels.indexOf(heading);
  if (start < 0) return [];
  const end = labels.indexOf(undefined, start);
  return labels.slice(start + 1, end < 0 ? undefined : end);
};

describe('the tray\'s Recent and Pinned lists with IAM users (typed stand-in for Electron)', () => {
  let sts: StsStandin;
  let alice: StsUser;
  let bob: StsUser;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const app = await runWithMfaUsers(['alice', 'bob']);
    ({ sts, close } = app);
    alice = app.users.alice!;
    bob = app.users.bob!;
  });

  afterAll(() => close());

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
