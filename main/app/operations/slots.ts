import { profileNameOf } from '../../../common/profile-names';
import { done } from '../../../common/result';
import { DEFAULT_SLOT, slotNameProblem } from '../../../common/slot-name';
import { UserError } from '../../../common/user-error';
import { SignInRequiredError } from '../../credentials/errors';
import { parseLoadBody } from '../../credentials/put-body';
import { loadRole } from '../../sso/load-role';
import type { ProfileRef } from '../../sso/role-history';
import type { RoleRef } from '../../credentials/types';
import type { LoadRoleRequest } from '../../../preload/api';
import type { CoreParts } from '../core-types';
import type { OperationHandlers } from '../ipc-door';
import type { Attempt } from './attempt';
import { catalogueRole } from './catalogue-role';
import { isDerivedProfile } from './derived-profile';

/** Loads a catalogue role into a slot (the window's Load, `roletray load -p` of an SSO profile). */
export async function loadCatalogueRole(p: CoreParts, request: LoadRoleRequest): Promise<{ slot: string; profileName: string }> {
  const { role: key, instance } = catalogueRole(p, request.roleKey);
  const known = p.roles().find((r) => r.key === request.roleKey);
  const profileName = request.profileName ?? known?.profileName ?? profileNameOf({ ...key, accountName: '' }, p.naming(key.startUrl));
  const slot = slotFor(profileName, request);
  const role = { ...key, region: instance.region };
  try {
    const { fetchRole } = await p.sso();
    await loadRole(role, profileName, { store: p.service.slots, fetchCredentials: fetchRole, history: p.history() }, slot);
  } catch (err) {
    if (err instanceof SignInRequiredError) throw new UserError(`Sign in to ${instance.startUrl} first (${err.message})`);
    throw err;
  }
  return { slot, profileName };
}

/** The slot a load goes to: the one asked for, the profile's own name when `slotted`, else the default. */
export function slotFor(profileName: string, request: { slot?: string; slotted?: boolean }): string {
  const nameProblem = slotNameProblem(profileName);
  if (nameProblem) throw new UserError(`Profile name: ${nameProblem.replace('slot name', 'name')}`);
  return request.slotted ? profileName : (request.slot ?? DEFAULT_SLOT);
}

function pinnableRole(p: CoreParts, roleKey: string): RoleRef {
  const { role: key, instance } = catalogueRole(p, roleKey);
  return { ...key, region: instance.region };
}

/** A chain or IAM user to pin by name; one no longer there can still be unpinned. */
function pinnableProfile(p: CoreParts, profile: string, pinning: boolean): ProfileRef {
  if (pinning && !isDerivedProfile(p, profile)) {
    throw new UserError(`There is no chain or IAM user ${profile} to pin (see Chains & IAM users, or roletray iam list)`);
  }
  return { profile };
}

type SlotOperations = Pick<OperationHandlers, 'loadRole' | 'loadCredentials' | 'unload' | 'unloadAll' | 'setPinned'>;

/** Loading catalogue roles into slots, unloading them, and pinning roles, chains and IAM users for the tray. */
export function slotOperations(p: CoreParts, attempt: Attempt): SlotOperations {
  return {
    loadRole: (request) => attempt(() => loadCatalogueRole(p, request)),

    loadCredentials: ({ slot, body }) =>
      attempt(async () => {
        // The PUT rules, except that a named slot may hold a profile of another name (loadRole's do too).
        const named = slot !== DEFAULT_SLOT && body.ProfileName === undefined;
        const parsed = parseLoadBody(body, named ? slot : DEFAULT_SLOT, p.now());
        if (!parsed.ok) throw new UserError(parsed.error);
        p.service.slots.load(slot, parsed.value);
        return { slot, profileName: parsed.value.profileName };
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
        const ref = 'profile' in request ? pinnableProfile(p, request.profile, request.pinned) : pinnableRole(p, request.roleKey);
        await (request.pinned ? p.history().pin(ref) : p.history().unpin(ref));
        p.changed();
      }),
  };
}
