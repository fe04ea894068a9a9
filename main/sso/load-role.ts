import type { Slot, SlotStore } from '../credentials/slots';
import { DEFAULT_SLOT, type Credentials, type RoleRef } from '../credentials/types';
import type { RoleHistory } from './role-history';
import { ssoLoadRequest } from './role-credentials';

export interface LoadRoleDeps {
  store: SlotStore;
  fetchCredentials: (role: RoleRef) => Promise<Credentials>;
  history?: RoleHistory;
}

/**
 * Loads a role from IAM Identity Center into the default slot or a named one, and remembers it
 * among the recents. The refresh scheduler picks the slot up from the store's change event.
 */
export async function loadRole(role: RoleRef, profileName: string, deps: LoadRoleDeps, slot: string = DEFAULT_SLOT): Promise<Slot> {
  const credentials = await deps.fetchCredentials(role);
  const loaded = deps.store.load(slot, ssoLoadRequest(profileName, role, credentials));
  await deps.history?.recordUse(role);
  return loaded;
}
