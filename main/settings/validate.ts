import { isAbsolute } from 'node:path';
import { isIP } from 'node:net';
import { portProblem } from '../../common/port';
import { formatProblem } from '../../common/profile-names';
import { regionProblem, startUrlProblem } from '../../common/sso-instance';
import { regionDefaultsProblem } from '../../common/region-choice';
import { slotNameProblem } from '../../common/slot-name';
import { definitionProblems, mfaSerialProblem } from '../../common/sts-rules';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings, type SettingsField } from './schema';

type Check = (value: unknown) => string | undefined;

const boolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'must be true or false');

function ssoInstanceProblem(v: unknown, i: number): string | undefined {
  if (typeof v !== 'object' || v === null) return `entry ${i + 1} must be {startUrl, region}`;
  const { startUrl, region } = v as Record<string, unknown>;
  const problem = startUrlProblem(startUrl) ?? regionProblem(region);
  return problem && `entry ${i + 1}: ${problem}`;
}

const CHAIN_FIELDS: Record<string, 'string' | 'number'> = {
  profileName: 'string',
  roleArn: 'string',
  via: 'string',
  roleSessionName: 'string',
  externalId: 'string',
  durationSeconds: 'number',
  mfaSerial: 'string',
  sourceIdentity: 'string',
  region: 'string',
};

function chainProblem(v: unknown, i: number): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return `entry ${i + 1} must be {profileName, roleArn, via, …}`;
  const entry = v as Record<string, unknown>;
  for (const [key, value] of Object.entries(entry)) {
    if (!(key in CHAIN_FIELDS)) return `entry ${i + 1}: unknown field "${key}"`;
    if (typeof value !== CHAIN_FIELDS[key]) return `entry ${i + 1}: ${key} must be a ${CHAIN_FIELDS[key]}`;
  }
  for (const key of ['profileName', 'roleArn', 'via']) if (typeof entry[key] !== 'string') return `entry ${i + 1}: ${key} is missing`;
  // Whether a hop is chained (capped at an hour) depends on its source, which the load checks.
  const problems = definitionProblems(entry as unknown as Settings['chains'][number], false);
  return problems.length ? `entry ${i + 1} (${String(entry.profileName)}): ${problems.join('; ')}` : undefined;
}

function iamUserProblem(v: unknown, i: number): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return `entry ${i + 1} must be {name, accessKeyHint, accountId, arn}`;
  const { name, accessKeyHint, accountId, arn, mfaSerial, region, ...rest } = v as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) return `entry ${i + 1}: unknown field "${unknown}"`;
  if (typeof name !== 'string' || slotNameProblem(name)) return `entry ${i + 1}: name ${typeof name === 'string' ? slotNameProblem(name)!.replace('slot name', 'the name') : 'is missing'}`;
  if (typeof accessKeyHint !== 'string' || typeof arn !== 'string') return `entry ${i + 1} (${name}): accessKeyHint and arn must be text`;
  if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId)) return `entry ${i + 1} (${name}): accountId must be 12 digits`;
  if (mfaSerial !== undefined && (typeof mfaSerial !== 'string' || mfaSerialProblem(mfaSerial))) return `entry ${i + 1} (${name}): ${typeof mfaSerial === 'string' ? mfaSerialProblem(mfaSerial) : 'mfaSerial must be text'}`;
  if (region !== undefined && regionProblem(region)) return `entry ${i + 1} (${name}): ${regionProblem(region)}`;
  return undefined;
}

function listProblem(v: unknown, what: string, entryProblem: (v: unknown, i: number) => string | undefined, key: (v: Record<string, unknown>) => unknown): string | undefined {
  if (!Array.isArray(v)) return `must be a list of ${what}`;
  for (const [i, entry] of v.entries()) {
    const problem = entryProblem(entry, i);
    if (problem) return problem;
  }
  const names = v.map((e: Record<string, unknown>) => key(e));
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  return twice === undefined ? undefined : `lists ${String(twice)} twice`;
}

const CHECKS: Record<SettingsField, Check> = {
  port: portProblem,
  tlsDisabled: boolean,
  // The same rule the names are made with: a format saved here is a format that is used.
  profileNameFormat: (v) => (typeof v === 'string' ? formatProblem(v) : 'must be a text such as {accountId}:{roleName}'),
  notifications: boolean,
  startAtLogin: boolean,
  theme: (v) => (v === 'system' || v === 'light' || v === 'dark' ? undefined : 'must be "system", "light" or "dark"'),
  ssoInstances: (v) => {
    if (!Array.isArray(v)) return 'must be a list of {startUrl, region}';
    for (const [i, entry] of v.entries()) {
      const problem = ssoInstanceProblem(entry, i);
      if (problem) return problem;
    }
    const urls = v.map((e: { startUrl: string }) => e.startUrl);
    return new Set(urls).size === urls.length ? undefined : 'lists the same startUrl twice';
  },
  containerAccess: (v) => {
    if (typeof v !== 'object' || v === null) return 'must be {enabled, address}';
    const { enabled, address } = v as Record<string, unknown>;
    if (typeof enabled !== 'boolean') return 'enabled must be true or false';
    if (typeof address !== 'string' || isIP(address) === 0) return 'address must be an IP address such as 172.17.0.1';
    return undefined;
  },
  auth: (v) => (v === 'token' || v === 'none' ? undefined : 'must be "token" or "none"'),
  tokenFile: (v) => (v === null || (typeof v === 'string' && isAbsolute(v)) ? undefined : 'must be an absolute file path, or null for none'),
  regions: regionDefaultsProblem,
  chains: (v) => listProblem(v, 'role definitions', chainProblem, (e) => e.profileName),
  iamUsers: (v) => listProblem(v, 'IAM users', iamUserProblem, (e) => e.name),
  switchWithinMinutes: (v) => (v === null || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 60) ? undefined : 'must be a whole number of minutes from 1 to 60, or null for off'),
};

export const SETTINGS_FIELDS = Object.keys(CHECKS) as SettingsField[];

/** Why `value` cannot be the setting `field`, in words for the person who typed it. */
export function fieldProblem(field: SettingsField, value: unknown): string | undefined {
  const problem = CHECKS[field](value);
  return problem && `${field}: ${problem}`;
}

/**
 * Reads stored settings field by field: a bad field falls back to its default and is reported,
 * the rest is kept, so one typo does not wipe a person's whole configuration.
 */
export function readSettings(data: Record<string, unknown>): { settings: Settings; problems: string[] } {
  const settings = structuredClone(DEFAULT_SETTINGS) as Settings;
  const problems: string[] = [];
  const target = settings as unknown as Record<string, unknown>;
  for (const field of SETTINGS_FIELDS) {
    if (!(field in data)) continue;
    const problem = fieldProblem(field, data[field]);
    if (problem) problems.push(problem);
    else target[field] = structuredClone(data[field]);
  }
  for (const key of Object.keys(data)) {
    if (key !== 'version' && !(SETTINGS_FIELDS as string[]).includes(key)) problems.push(`${key}: not a setting (ignored)`);
  }
  settings.version = SETTINGS_VERSION;
  return { settings, problems };
}

/** Applies a change from the UI or CLI: all of it, or none of it with every problem listed. */
export function applyPatch(current: Settings, patch: unknown): { ok: true; settings: Settings } | { ok: false; problems: string[] } {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return { ok: false, problems: ['settings change must be an object'] };
  const problems: string[] = [];
  const next = structuredClone(current) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (!(SETTINGS_FIELDS as string[]).includes(key)) {
      problems.push(`${key}: not a setting`);
      continue;
    }
    const problem = fieldProblem(key as SettingsField, value);
    if (problem) problems.push(problem);
    else next[key] = structuredClone(value);
  }
  return problems.length ? { ok: false, problems } : { ok: true, settings: next as unknown as Settings };
}
