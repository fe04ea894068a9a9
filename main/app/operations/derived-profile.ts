import type { CoreParts } from '../core-types';

/** Whether a chain (RoleTray's or ~/.aws/config's) or an IAM user has this profile name now: what the tray's lists may hold by name. */
export function isDerivedProfile(p: CoreParts, name: string): boolean {
  return p.chains.chainViews().some((c) => c.profileName === name) || p.chains.users.get(name) !== undefined;
}
