// The composition root as it runs on Windows (the typed stand-in answers as Electron does there):
// the taskbar identity, a left click on the tray, the login-item API, the command-line tool.
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fake } from '../../test-support/fake-electron';
import { runOnFakeElectron, windowState } from '../../test-support/fake-electron-app';

vi.mock('electron', async () => {
  const { electron } = await import('../../test-support/fake-electron');
  return { ...electron, default: electron };
});

type MenuItem = { label?: string; click?: () => void };
const seen = fake.record;
/** Each check is retried every 20 ms until the app has acted. */
const SETTLES = { timeout: 6_000, interval: 20 };

const state = windowState;

const click = (label: string) => ((seen.trays[0]!.menu ?? []) as MenuItem[]).find((i) => i.label === label)!.click!();

describe('the Electron composition root on Windows (typed stand-in for Electron)', () => {
  let cli: string;

  beforeAll(async () => {
    const app = await runOnFakeElectron({
      platform: 'win32',
      execPath: 'C:\\Program Files\\RoleTray\\RoleTray.exe',
      cli: 'roletray.exe',
      settings: { ssoInstances: [{ startUrl: 'https://example-sso.awsapps.com/start', region: 'eu-west-1' }] },
    });
    cli = app.cli!;
    fake.becomeReady();
    await vi.waitFor(() => expect(seen.trays, 'the tray exists').toHaveLength(1), SETTLES);
  });

  it('files notifications and the taskbar entry under the app id', async () => {
    expect(seen.appUserModelId).toBe('dev.roletray.app');
    expect((await state()).notices).toEqual([]);
  });

  it('keeps the window hidden at start once configured, and opens it on a left click on the tray', () => {
    const win = seen.windows[0]!;
    expect(win.visible).toBe(false);
    seen.trays[0]!.emit('click', {}, {}, {});
    expect(win).toMatchObject({ visible: true, focused: true });
  });

  it('uses the login-item API only when the setting changes', async () => {
    expect(seen.loginItems).toEqual([]);
    click('Start at login');
    await vi.waitFor(() => expect(seen.loginItems, 'the login item was set').toEqual([{ openAtLogin: true }]), SETTLES);
    click('Start at login');
    await vi.waitFor(() => expect(seen.loginItems, 'the login item was cleared').toEqual([{ openAtLogin: true }, { openAtLogin: false }]), SETTLES);
  });

  it('"Install command-line tool…" says how to put the shipped roletray.exe on the PATH', async () => {
    click('Install command-line tool…');
    const message = `The roletray command is ${cli}. To call it as \`roletray\`, add ${dirname(cli)} to your user PATH (Start › "Edit environment variables for your account" › Path › New), then open a new terminal.`;
    await vi.waitFor(async () => expect((await state()).notices).toEqual([expect.objectContaining({ level: 'info', message })]), SETTLES);
  });
});
