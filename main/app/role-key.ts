import type { RoleView } from '../../preload/api';
import type { RoleRef } from '../credentials/types';
import { profileNameOf, type ProfileNaming } from '../sso/profile-names';

/** The window's stable id of a catalogue role: `<startUrl>|<accountId>|<roleName>` ("|" appears in none of them). */
export function roleKeyOf(role: { startUrl: string; accountId: string; roleName: string }): string {
  return `${role.startUrl}|${role.accountId}|${role.roleName}`;
}

export function parseRoleKey(key: string): { startUrl: string; accountId: string; roleName: string } | undefined {
  const parts = key.split('|');
  if (parts.length !== 3 || !/^\d{12}$/.test(parts[1]!) || !parts[0] || !parts[2]) return undefined;
  return { startUrl: parts[0], accountId: parts[1]!, roleName: parts[2] };
}

export function sameRole(a: Omit<RoleRef, 'region'>, b: Omit<RoleRef, 'region'>): boolean {
  return a.startUrl === b.startUrl && a.accountId === b.accountId && a.roleName === b.roleName;
}

/** A catalogue role as the window and the tray show it. */
export function roleView(startUrl: string, role: { accountId: string; accountName: string; roleName: string }, naming: ProfileNaming): RoleView {
  return {
    key: roleKeyOf({ startUrl, ...role }),
    startUrl,
    accountId: role.accountId,
    accountName: role.accountName,
    roleName: role.roleName,
    profileName: profileNameOf(role, naming),
  };
}
