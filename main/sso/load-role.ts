import type { Slot, SlotStore } from '../credentials/slots';
import { type Credentials, type LoadRequest, type RoleRef } from '../credentials/types';
import type { RoleHistory } from './role-history';
import { DEFAULT_SLOT } from '../../common/slot-name';

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

/** What SlotStore.load takes for an SSO role: marked 'sso' with its role, so it can be refreshed. */
export function ssoLoadRequest(profileName: string, role: RoleRef, credentials: Credentials): LoadRequest {
  return { profileName, credentials, source: 'sso', role: { startUrl: role.startUrl, region: role.region, accountId: role.accountId, roleName: role.roleName } };
}
