import { profileNameOf } from '../../../common/profile-names';
import { done } from '../../../common/result';
import { DEFAULT_SLOT } from '../../../common/slot-name';
import { UserError } from '../../../common/user-error';
import { SignInRequiredError } from '../../credentials/errors';
import { loadRole } from '../../sso/load-role';
import type { CoreParts } from '../core-types';
import type { OperationHandlers } from '../ipc-door';
import type { Attempt } from './attempt';
import { catalogueRole } from './catalogue-role';

type SlotOperations = Pick<OperationHandlers, 'loadRole' | 'unload' | 'unloadAll' | 'setPinned'>;

/** Loading catalogue roles into slots, unloading them, and the pinned roles. */
export function slotOperations(p: CoreParts, attempt: Attempt): SlotOperations {
  return {
    loadRole: (request) =>
      attempt(async () => {
        const { role: key, instance } = catalogueRole(p, request.roleKey);
        const known = p.roles().find((r) => r.key === request.roleKey);
        const profileName = known?.profileName ?? profileNameOf({ ...key, accountName: '' }, p.naming(key.startUrl));
        const slot = request.slotted ? profileName : (request.slot ?? DEFAULT_SLOT);
        const role = { ...key, region: instance.region };
        try {
          const { fetchRole } = await p.sso();
          await loadRole(role, profileName, { store: p.service.slots, fetchCredentials: fetchRole, history: p.history() }, slot);
        } catch (err) {
          if (err instanceof SignInRequiredError) throw new UserError(`Sign in to ${instance.startUrl} first (${err.message})`);
          throw err;
        }
        return { slot, profileName };
      }),

    unload: async (slot) => {
      p.service.slots.unload(slot);
      return done;
    },

    unloadAll: async () => {
      p.service.slots.unloadNamed();
      p.service.slots.unload(DEFAULT_SLOT);
      return done;
    },

    setPinned: (request) =>
      attempt(async () => {
        const { role: key, instance } = catalogueRole(p, request.roleKey);
        const role = { ...key, region: instance.region };
        await (request.pinned ? p.history().pin(role) : p.history().unpin(role));
        p.changed();
      }),
  };
}
