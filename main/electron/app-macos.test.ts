// The composition root as it runs on macOS (the typed stand-in answers as Electron does there):
// a menu-bar app with no Dock icon, brought forward when launched again.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fake } from '../../test-support/fake-electron';
import { freePort } from '../../test-support/free-port';

vi.mock('electron', async () => {
  const { electron } = await import('../../test-support/fake-electron');
  return { ...electron, default: electron };
});

const seen = fake.record;

beforeAll(async () => {
  const base = mkdtempSync(join(tmpdir(), 'roletray-electron-mac-'));
  const userData = join(base, 'userData');
  mkdirSync(userData, { recursive: true });
  mkdirSync(join(base, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(base, 'dist', 'renderer', 'index.html'), `<meta http-equiv="Content-Security-Policy" content="default-src 'none'">`);
  writeFileSync(
    join(userData, 'settings.json'),
    JSON.stringify({ version: 1, port: await freePort(), ssoInstances: [{ startUrl: 'https://example-sso.awsapps.com/start', region: 'eu-west-1' }] }),
  );
  fake.configure({ platform: 'darwin', userData, home: join(base, 'home'), logs: join(base, 'logs'), isPackaged: true });
  const { runApp } = await import('./run-app');
  runApp({ platform: 'darwin', env: { ...process.env }, execPath: '/Applications/RoleTray.app/Contents/MacOS/RoleTray', resourcesPath: undefined, root: base, now: Date.now });
  fake.becomeReady();
  for (let i = 0; i < 200 && seen.trays.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
});

describe('the Electron composition root on macOS (typed stand-in for Electron)', () => {
  it('lives in the menu bar: no Dock icon, the countdown beside the icon', () => {
    expect(seen.dockHidden).toBe(true);
    expect(seen.trays[0]!.title).toBe('No role loaded');
  });

  it('opening the app again (Dock, Finder, Spotlight) brings the window in front of other apps', () => {
    expect(seen.windows[0]!.visible).toBe(false);
    fake.app.emit('activate', {}, false);
    expect(seen.windows[0]).toMatchObject({ visible: true, focused: true });
    expect(seen.focused).toEqual([{ steal: true }]);
  });
});
