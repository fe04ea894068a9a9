import { done } from '../../../common/result';
import type { Settings } from '../../settings/schema';
import { SettingsError } from '../../settings/settings-store';
import { applyPatch } from '../../settings/validate';
import type { CoreParts } from '../core-types';
import type { OperationHandlers } from '../ipc-door';
import type { Attempt } from './attempt';

type SettingsOperations = Pick<OperationHandlers, 'updateSettings' | 'dismissNotice'>;

/** Applies a listener change first and keeps the setting only if the server could follow it. */
export async function listenThenSave(p: CoreParts, patch: Partial<Omit<Settings, 'version'>>): Promise<void> {
  const settings = p.deps.settings;
  // Checked before the listener moves: a bad port must be refused with its reason, not tried.
  const checked = applyPatch(settings.get() as Settings, patch);
  if (!checked.ok) throw new SettingsError(checked.problems);
  const next = { ...settings.get(), ...patch };
  // A port given at start (--port) holds until the person picks another here.
  await p.control.update({ ...(patch.port !== undefined ? { port: patch.port } : {}), tlsDisabled: next.tlsDisabled, container: next.containerAccess });
  await settings.update(patch);
}

/** Settings changes (the listener follows them live) and the notices the person dismisses. */
export function settingsOperations(p: CoreParts, attempt: Attempt): SettingsOperations {
  const settings = p.deps.settings;
  return {
    updateSettings: (patch) =>
      attempt(async () => {
        const listening = patch.port !== undefined || patch.tlsDisabled !== undefined || patch.containerAccess !== undefined;
        if (listening) await listenThenSave(p, patch);
        else await settings.update(patch);
        if (patch.tlsDisabled !== undefined) await p.refreshTlsView();
        if (patch.ssoInstances) await p.refreshSsoStatus();
        return settings.get();
      }),

    dismissNotice: async (id) => {
      p.view.notices = p.view.notices.filter((n) => n.id !== id);
      p.changed();
      return done;
    },
  };
}
