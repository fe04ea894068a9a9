import Store from 'electron-store';
import { join } from 'node:path';
import type { Settings } from '../settings/schema';
import { JsonSettingsStore } from '../settings/json-settings-store';
import { SettingsError, type SettingsStore } from '../settings/settings-store';
import { applyPatch } from '../settings/validate';

/**
 * Settings persisted by electron-store. The file is first opened with the same rules as headless
 * use (a broken file is moved aside, defaults load, the person is told), so electron-store only
 * ever sees a valid file.
 */
export async function openAppSettings(userData: string): Promise<SettingsStore> {
  const checked = await JsonSettingsStore.open(join(userData, 'settings.json'));
  const store = new Store<Settings>({ name: 'settings', cwd: userData, clearInvalidConfig: false });
  let current = checked.get();
  const listeners = new Set<(s: Readonly<Settings>) => void>();
  return {
    notices: checked.notices,
    get: () => current,
    async update(patch) {
      const result = applyPatch(current as Settings, patch);
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
