// The composition root when RoleTray waits for an MFA code, run on the typed stand-in for Electron
// with the real core against the STS stand-in: the window comes forward (with a notification when
// they are on) once per new prompt, and the tray offers "Enter MFA code…" while one waits.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fake } from '../../test-support/fake-electron';
import { callFromWindow as call, promptFor, runWithMfaUsers, SETTLES, trayItem, trayLabels } from '../../test-support/fake-electron-app';
import type { StsStandin, StsUser } from '../../test-support/sts-standin';

vi.mock('electron', async () => {
  const { electron } = await import('../../test-support/fake-electron');
  return { ...electron, default: electron };
});

const seen = fake.record;
const win = () => seen.windows[0]!;

describe('the Electron composition root while an MFA code is awaited (typed stand-in for Electron)', () => {
  let sts: StsStandin;
  let alice: StsUser;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const app = await runWithMfaUsers(['alice', 'bob']);
    ({ sts, close } = app);
    alice = app.users.alice!;
  });

  afterAll(() => close());

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
