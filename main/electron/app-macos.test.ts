// The composition root as it runs on macOS (the typed stand-in answers as Electron does there):
// a menu-bar app with no Dock icon, brought forward when launched again.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fake } from '../../test-support/fake-electron';
import { runOnFakeElectron } from '../../test-support/fake-electron-app';

vi.mock('electron', async () => {
  const { electron } = await import('../../test-support/fake-electron');
  return { ...electron, default: electron };
});

const seen = fake.record;

describe('the Electron composition root on macOS (typed stand-in for Electron)', () => {
  beforeAll(async () => {
    await runOnFakeElectron({
      platform: 'darwin',
      execPath: '/Applications/RoleTray.app/Contents/MacOS/RoleTray',
      settings: { ssoInstances: [{ startUrl: 'https://example-sso.awsapps.com/start', region: 'eu-west-1' }] },
    });
    fake.becomeReady();
    await vi.waitFor(() => expect(seen.trays, 'the tray exists').toHaveLength(1), { timeout: 6_000, interval: 20 });
  });

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
