import { regionProblem, startUrlProblem } from './sso-instance';
import { DEFAULT_SLOT, slotNameProblem } from './slot-name';

/**
 * The default regions a person sets: per IAM Identity Center instance (by start URL), per account
 * (by its 12-digit id) and per slot (by name, '' for the default slot). The container protocol
 * has no region field, so the lines, `exec` and the generated profiles carry it as AWS_REGION.
 */
export interface RegionDefaults {
  instances: Record<string, string>;
  accounts: Record<string, string>;
  slots: Record<string, string>;
}

export type RegionLevel = keyof RegionDefaults;

export const REGION_LEVELS: readonly RegionLevel[] = ['instances', 'accounts', 'slots'];

export function noRegionDefaults(): RegionDefaults {
  return { instances: {}, accounts: {}, slots: {} };
}

// Own properties only: a slot may be called "constructor" or "__proto__".
const own = (map: Record<string, string>, key: string | undefined) => (key !== undefined && Object.hasOwn(map, key) ? map[key] : undefined);

/** Where a slot's role runs: the slot's own region, else its account's, else its instance's; undefined when none is set. */
export function regionFor(defaults: RegionDefaults, at: { slot?: string; accountId?: string; startUrl?: string }): string | undefined {
  return own(defaults.slots, at.slot) ?? own(defaults.accounts, at.accountId) ?? own(defaults.instances, at.startUrl);
}

const KEY_PROBLEM: Record<RegionLevel, (key: string) => string | undefined> = {
  instances: (key) => startUrlProblem(key),
  accounts: (key) => (/^\d{12}$/.test(key) ? undefined : 'the account must be a 12-digit account id'),
  slots: (key) => (key === DEFAULT_SLOT ? undefined : slotNameProblem(key)),
};

/** Why `key` cannot carry a default region at `level`, or undefined. */
export function regionKeyProblem(level: RegionLevel, key: string): string | undefined {
  return KEY_PROBLEM[level](key);
}

/** Why `value` cannot be the region defaults setting, or undefined. */
export function regionDefaultsProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be {instances, accounts, slots}';
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!(REGION_LEVELS as readonly string[]).includes(key)) return `unknown level "${key}" (use instances, accounts, slots)`;
  for (const level of REGION_LEVELS) {
    const map = record[level];
    if (typeof map !== 'object' || map === null || Array.isArray(map)) return `${level} must be an object of name → region`;
    for (const [key, region] of Object.entries(map)) {
      const problem = regionKeyProblem(level, key) ?? regionProblem(region);
      if (problem) return `${level} "${key}": ${problem}`;
    }
  }
  return undefined;
}

/** `defaults` with the region at `level`/`key` set, or removed when `region` is undefined. Never mutates `defaults`. */
export function withRegion(defaults: RegionDefaults, level: RegionLevel, key: string, region: string | undefined): RegionDefaults {
  const map = Object.fromEntries(Object.entries(defaults[level]).filter(([k]) => k !== key));
  return { ...defaults, [level]: region === undefined ? map : Object.fromEntries([...Object.entries(map), [key, region]]) };
}
