// The composition root when it cannot start: the person gets a dialog that says why and where the
// log is, and the app exits instead of sitting in the tray doing nothing.
import { rmSync, writeFileSync } from 'node:fs';
import { expect, it, vi } from 'vitest';
import { fake } from '../../test-support/fake-electron';
import { runOnFakeElectron } from '../../test-support/fake-electron-app';

vi.mock('electron', async () => {
  const { electron } = await import('../../test-support/fake-electron');
  return { ...electron, default: electron };
});

it('says why in a dialog, names the log folder, and exits with a failure', async () => {
  const app = await runOnFakeElectron({ platform: 'linux', execPath: '/opt/RoleTray/roletray', env: () => ({}) });
  // The app's data folder is a file: nothing can be stored, so the app cannot run.
  rmSync(app.userData, { recursive: true });
  writeFileSync(app.userData, '');
  fake.becomeReady();
  await vi.waitFor(() => expect(fake.record.exitCode).toBe(1), { timeout: 6_000, interval: 20 });
  expect(fake.record.errorBoxes).toEqual([
    { title: 'RoleTray could not start', content: `${app.userData} is a file, not a directory: RoleTray keeps its configuration in a directory there; move that file away\n\nThe log is in ${app.logs}.` },
  ]);
  expect(fake.record.trays).toEqual([]);
});
