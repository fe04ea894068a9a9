// The composition root as it runs on Windows (the typed stand-in answers as Electron does there):
// the taskbar identity, a left click on the tray, the login-item API, the command-line tool.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppState } from '../../preload/api';
import { fake } from '../../test-support/fake-electron';
import { freePort } from '../../test-support/free-port';

vi.mock('electron', async () => {
  const { electron } = await import('../../test-support/fake-electron');
  return { ...electron, default: electron };
});

type MenuItem = { label?: string; click?: () => void };
const seen = fake.record;
let resources: string;

async function state(): Promise<AppState> {
  return ((await seen.ipcHandlers.get('roletray:getState')!({ senderFrame: { url: 'roletray://app/index.html' } } as never)) as { value: AppState }).value;
}

async function until<T>(probe: () => T | Promise<T>, what: string): Promise<NonNullable<T>> {
  for (let i = 0; i < 300; i++) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`never: ${what}`);
}

const click = (label: string) => ((seen.trays[0]!.menu ?? []) as MenuItem[]).find((i) => i.label === label)!.click!();

beforeAll(async () => {
  const base = mkdtempSync(join(tmpdir(), 'roletray-electron-win-'));
  const userData = join(base, 'userData');
  resources = join(base, 'resources');
  mkdirSync(userData, { recursive: true });
  mkdirSync(join(resources, 'bin'), { recursive: true });
  writeFileSync(join(resources, 'bin', 'roletray.exe'), 'MZ');
  mkdirSync(join(base, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(base, 'dist', 'renderer', 'index.html'), `<meta http-equiv="Content-Security-Policy" content="default-src 'none'">`);
  writeFileSync(
    join(userData, 'settings.json'),
    JSON.stringify({ version: 1, port: await freePort(), ssoInstances: [{ startUrl: 'https://example-sso.awsapps.com/start', region: 'eu-west-1' }] }),
  );
  fake.configure({ platform: 'win32', userData, home: join(base, 'home'), logs: join(base, 'logs'), isPackaged: true });
  const { runApp } = await import('./run-app');
  runApp({ platform: 'win32', env: { ...process.env }, execPath: 'C:\\Program Files\\RoleTray\\RoleTray.exe', resourcesPath: resources, root: base, now: Date.now });
  fake.becomeReady();
  await until(() => seen.trays.length === 1, 'the tray exists');
});

describe('the Electron composition root on Windows (typed stand-in for Electron)', () => {
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
    await until(() => seen.loginItems.length === 1, 'the login item was set');
    click('Start at login');
    await until(() => seen.loginItems.length === 2, 'the login item was cleared');
    expect(seen.loginItems).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
  });

  it('"Install command-line tool…" says how to put the shipped roletray.exe on the PATH', async () => {
    click('Install command-line tool…');
    const notice = await until(async () => (await state()).notices.find((n) => n.message.startsWith('The roletray command is')), 'a notice');
    expect(notice.message).toContain(join(resources, 'bin', 'roletray.exe'));
  });
});
