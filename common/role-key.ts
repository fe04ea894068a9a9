/** A role of one IAM Identity Center instance, as every part of RoleTray names it. */
export interface RoleId {
  startUrl: string;
  accountId: string;
  roleName: string;
}

const ACCOUNT_ID = /^\d{12}$/;

/** The one key of a catalogue role, everywhere (window, tray, history, custom names): `<startUrl>|<accountId>|<roleName>`; "|" appears in none of them. */
export function roleKeyOf(role: RoleId): string {
  return `${role.startUrl}|${role.accountId}|${role.roleName}`;
}

export function parseRoleKey(key: string): RoleId | undefined {
  const parts = key.split('|');
  if (parts.length !== 3 || !ACCOUNT_ID.test(parts[1]!) || !parts[0] || !parts[2]) return undefined;
  return { startUrl: parts[0], accountId: parts[1]!, roleName: parts[2] };
}

export function sameRole(a: RoleId, b: RoleId): boolean {
  return a.startUrl === b.startUrl && a.accountId === b.accountId && a.roleName === b.roleName;
}

/** Account ids are 12-digit strings; a number loses its leading zeros, so it is padded back. */
export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}
