import { slotNameProblem } from '../credentials/slot-name';

/** The default name, the one the existing CLI's users know: `<12-digit account id>:<role name>`. */
export const DEFAULT_PROFILE_FORMAT = '{accountId}:{roleName}';

const PLACEHOLDER = /\{(\w*)\}/g;
const FIELDS = ['accountId', 'accountName', 'accountAlias', 'roleName'] as const;

export interface NamedRole {
  accountId: string;
  accountName: string;
  roleName: string;
}

export interface ProfileNaming {
  /** Uses {accountId}, {accountName}, {accountAlias} (the account name without spaces), {roleName}. */
  format?: string;
  /** Names a person gave single roles, by roleKey(); they win over the format. */
  custom?: Readonly<Record<string, string>>;
}

/** The key of a role inside one instance: `<account id>:<role name>`. */
export const roleKey = (role: { accountId: string; roleName: string }) => `${role.accountId}:${role.roleName}`;

/** Why a format setting cannot be used, or undefined. */
export function formatProblem(format: string): string | undefined {
  if (!format.trim()) return 'the profile name format is empty';
  for (const [, field] of format.matchAll(PLACEHOLDER)) {
    if (!(FIELDS as readonly string[]).includes(field!)) {
      return `unknown placeholder {${field}} (use ${FIELDS.map((f) => `{${f}}`).join(', ')})`;
    }
  }
  if (!format.includes('{accountId}') && !format.includes('{accountName}') && !format.includes('{accountAlias}')) {
    return 'the format must name the account ({accountId}, {accountName} or {accountAlias}), or roles of different accounts would share names';
  }
  if (!format.includes('{roleName}')) return 'the format must contain {roleName}, or roles of one account would share a name';
  return undefined;
}

export function formatProfileName(format: string, role: NamedRole): string {
  const values: Record<(typeof FIELDS)[number], string> = {
    accountId: role.accountId,
    accountName: role.accountName,
    accountAlias: role.accountName.replace(/\s+/g, ''),
    roleName: role.roleName,
  };
  // A slot is named after its profile, and slot names may not contain "/".
  return format.replace(PLACEHOLDER, (whole, field: string) => (field in values ? values[field as keyof typeof values] : whole)).replaceAll('/', '-');
}

/** The profile name a role shows and loads under. */
export function profileNameOf(role: NamedRole, naming: ProfileNaming = {}): string {
  const custom = naming.custom?.[roleKey(role)];
  if (custom !== undefined && !slotNameProblem(custom)) return custom;
  const format = naming.format && !formatProblem(naming.format) ? naming.format : DEFAULT_PROFILE_FORMAT;
  const name = formatProfileName(format, role);
  return slotNameProblem(name) ? formatProfileName(DEFAULT_PROFILE_FORMAT, role) : name;
}
