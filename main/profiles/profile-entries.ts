import type { ChainView } from '../../preload/api';
import { regionFor, type RegionDefaults } from '../../common/region-choice';
import { parseRoleArn } from '../../common/sts-rules';
import { commandLine } from '../server/env-lines';
import { profileNameProblem, type ProfileEntry } from './aws-config-block';

/**
 * RoleTray's saved chains as profiles: `credential-process --profile NAME` loads them through the
 * owner like a catalogue role. ~/.aws/config's own role_arn profiles are in that file already.
 */
export function chainProfileRoles(chains: readonly ChainView[]): ProfileRole[] {
  return chains
    .filter((c) => c.origin === 'roletray')
    .map((c) => ({ profileName: c.profileName, accountId: parseRoleArn(c.roleArn)?.accountId ?? '', startUrl: c.startUrl ?? '', ...(c.region ? { region: c.region } : {}) }));
}

/** A role as the profiles are made from it: the name RoleTray loads it under, and where it comes from. */
export interface ProfileRole {
  profileName: string;
  accountId: string;
  /** The IAM Identity Center instance it is (or its chain starts) in; '' for a chain from an IAM user. */
  startUrl: string;
  /** Its own region (a chain's `region`), before the slot's, account's and instance's defaults. */
  region?: string;
}

export interface EntryOptions {
  /** The roletray command, absolute: one word for the executable, or node and the script. */
  command: readonly string[];
  /** Put before every profile name (`rt-`), so the profiles cannot clash with hand-written ones. */
  prefix?: string;
  /** `--config-dir D` for credential-process, when it is not the directory a bare `roletray` finds. */
  configDir?: string;
  regions: RegionDefaults;
  /** Whose tools split the command line: this machine's unless told. */
  platform?: NodeJS.Platform;
}

/** The roles whose profile names cannot be section names, and why. */
export interface SkippedRole {
  name: string;
  reason: string;
}

/**
 * One profile per role: `credential_process` runs `roletray credential-process --profile NAME`,
 * which takes the slot NAME from the running RoleTray (loading the role into it first when it is
 * empty), plus `region` where one is set for the slot, the account or the instance.
 */
export function profileEntries(roles: readonly ProfileRole[], options: EntryOptions): { entries: ProfileEntry[]; skipped: SkippedRole[] } {
  const entries: ProfileEntry[] = [];
  const skipped: SkippedRole[] = [];
  const seen = new Set<string>();
  for (const role of roles) {
    const name = `${options.prefix ?? ''}${role.profileName}`;
    const problem = profileNameProblem(name);
    if (problem) {
      skipped.push({ name, reason: problem });
      continue;
    }
    if (seen.has(name)) continue;
    seen.add(name);
    const words = [...options.command, 'credential-process', '--profile', role.profileName, ...(options.configDir ? ['--config-dir', options.configDir] : [])];
    const region = role.region ?? regionFor(options.regions, { slot: role.profileName, accountId: role.accountId, startUrl: role.startUrl });
    entries.push({ name, settings: [['credential_process', commandLine(words, options.platform)], ...(region ? [['region', region] as const] : [])] });
  }
  return { entries, skipped };
}
