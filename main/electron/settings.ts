import Store from 'electron-store';
import { join } from 'node:path';
import type { Settings } from '../settings/schema';
import { readSettingsFile } from '../settings/settings-file';
import { SettingsError, type SettingsStore } from '../settings/settings-store';
import { applyPatch } from '../settings/validate';

/**
 * Settings persisted by electron-store, the app's only writer of the file. The file is first read
 * with the same rules as headless use (a broken file is moved aside, defaults load, the person is
 * told), so electron-store only ever sees a valid file or none.
 */
export async function openAppSettings(userData: string): Promise<SettingsStore> {
  const file = await readSettingsFile(join(userData, 'settings.json'));
  const store = new Store<Settings>({ name: 'settings', cwd: userData, clearInvalidConfig: false, configFileMode: 0o600 });
  if (file.rewrite) store.store = file.settings;
  let current: Settings = file.settings;
  const listeners = new Set<(s: Readonly<Settings>) => void>();
  return {
    notices: file.notices,
    get: () => current,
    async update(patch) {
      const result = applyPatch(current, patch);
      if (!result.ok) throw new SettingsError(result.problems);
      store.store = result.settings;
      current = result.settings;
      for (const listener of listeners) listener(current);
      return current;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
