import { useCallback } from 'react';
import type { RoleTrayApi, RoleView } from '../../../preload/api';
import { useOperation } from '../ui/use-operation';

/** Load, pin and console share one operation, so the status line under the actions tells the outcome of the latest. */
export function useRoleActions(api: RoleTrayApi, pinnedSet: ReadonlySet<string>) {
  const action = useOperation();
  const runAction = action.run;

  const loadRole = useCallback(
    (role: RoleView | undefined, slotted: boolean) => {
      if (!role) return;
      void runAction(
        () => api.loadRole(slotted ? { roleKey: role.key, slotted: true } : { roleKey: role.key }),
        (v) => `Loaded ${v.profileName} into ${v.slot ? `slot “${v.slot}”` : 'the default slot'}`,
      );
    },
    [api, runAction],
  );
  const togglePin = useCallback(
    (role: RoleView | undefined) => {
      if (!role) return;
      const pinned = !pinnedSet.has(role.key);
      void runAction(() => api.setPinned({ roleKey: role.key, pinned }), `${pinned ? 'Pinned' : 'Unpinned'} ${role.profileName}`);
    },
    [api, runAction, pinnedSet],
  );
  const openConsole = (role: RoleView) => void runAction(() => api.openConsole({ roleKey: role.key }), `Opened the AWS console as ${role.profileName}`);

  return { action, loadRole, togglePin, openConsole };
}
