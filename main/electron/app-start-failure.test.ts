// The composition root when it cannot start: the person gets a dialog that says why and where the
// log is, and the app exits instead of sitting in the tray doing nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { fake } from '../../test-support/fake-electron';

vi.mock('electron', async () => {
  const { electron } = await import('../../test-support/fake-electron');
  return { ...electron, default: electron };
});

it('says why in a dialog, names the log folder, and exits with a failure', async () => {
  const base = mkdtempSync(join(tmpdir(), 'roletray-electron-fail-'));
  // The app's data folder is a file: nothing can be stored, so the app cannot run.
  const userData = join(base, 'userData');
  writeFileSync(userData, '');
  fake.configure({ platform: 'linux', userData, home: base, logs: join(base, 'logs'), isPackaged: true });
  const { runApp } = await import('./run-app');
  runApp({ platform: 'linux', env: {}, execPath: '/opt/RoleTray/roletray', resourcesPath: undefined, root: base, now: Date.now });
  fake.becomeReady();
  for (let i = 0; i < 100 && fake.record.exitCode === undefined; i++) await new Promise((r) => setTimeout(r, 20));
  expect(fake.record.exitCode).toBe(1);
  expect(fake.record.errorBoxes).toEqual([{ title: 'RoleTray could not start', content: expect.stringMatching(new RegExp(`ENOTDIR[^]*\\n\\nThe log is in ${join(base, 'logs')}\\.$`)) }]);
  expect(fake.record.trays).toEqual([]);
});
