import { roleKeyOf, type RoleId } from './role-key';
import { slotNameProblem } from './slot-name';

/** The default name, the one the existing CLI's users know: `<12-digit account id>:<role name>`. */
export const DEFAULT_PROFILE_FORMAT = '{accountId}:{roleName}';

const PLACEHOLDER = /\{(\w*)\}/g;
export const PROFILE_FIELDS = ['accountId', 'accountName', 'accountAlias', 'roleName'] as const;

/** What a profile name is made of. */
export interface RoleNameParts {
  accountId: string;
  accountName: string;
  roleName: string;
}

export interface NamedRole extends RoleId, RoleNameParts {}

export interface ProfileNaming {
  /** Uses {accountId}, {accountName}, {accountAlias} (the account name without spaces), {roleName}. */
  format?: string;
  /** Names a person gave single roles (AWS config profiles), by roleKeyOf(); they win over the format. */
  custom?: Readonly<Record<string, string>>;
}

/**
 * Why a profile-name format cannot be used, or undefined. The settings, the window and the CLI all
 * ask this one function, so a format that is accepted is a format that is used.
 */
export function formatProblem(format: string): string | undefined {
  if (!format.trim()) return 'the profile name format is empty';
  if (format.length > 256) return 'the profile name format is longer than 256 characters';
  for (const [, field] of format.matchAll(PLACEHOLDER)) {
    if (!(PROFILE_FIELDS as readonly string[]).includes(field!)) {
      return `unknown placeholder {${field}} (use ${PROFILE_FIELDS.map((f) => `{${f}}`).join(', ')})`;
    }
  }
  if (!format.includes('{accountId}') && !format.includes('{accountName}') && !format.includes('{accountAlias}')) {
    return 'the format must name the account ({accountId}, {accountName} or {accountAlias}), or roles of different accounts would share names';
  }
  if (!format.includes('{roleName}')) return 'the format must contain {roleName}, or roles of one account would share a name';
  const sample = formatProfileName(format, { accountId: '012345678901', accountName: 'Example', roleName: 'Admin' });
  const nameProblem = slotNameProblem(sample);
  if (nameProblem) return `the names it makes cannot name a slot (${nameProblem})`;
  return undefined;
}

export function formatProfileName(format: string, role: RoleNameParts): string {
  const values: Record<(typeof PROFILE_FIELDS)[number], string> = {
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
  const custom = naming.custom?.[roleKeyOf(role)];
  if (custom !== undefined && !slotNameProblem(custom)) return custom;
  const format = naming.format && !formatProblem(naming.format) ? naming.format : DEFAULT_PROFILE_FORMAT;
  const name = formatProfileName(format, role);
  return slotNameProblem(name) ? formatProfileName(DEFAULT_PROFILE_FORMAT, role) : name;
}
