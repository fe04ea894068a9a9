import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { isSea } from 'node:sea';
import { parseArgs } from 'node:util';
import { REGION_LEVELS, regionKeyProblem, withRegion, type RegionDefaults, type RegionLevel } from '../../common/region-choice';
import { regionProblem } from '../../common/sso-instance';
import { configDirFor } from '../config-dir';
import { describeWrite, writeProfiles, awsCredentialsPath } from '../profiles/aws-config-file';
import { chainProfileRoles, profileEntries } from '../profiles/profile-entries';
import { JsonSettingsStore } from '../settings/json-settings-store';
import { awsConfigPath } from '../sso/aws-config-import';
import { SETTINGS_FILE } from './headless-config';
import { usageError, type CliIo } from './io';
import { must, requireOwner, withWorkplace } from './owner';

export const HELP = `Usage: roletray setup profiles [--prefix P] [--diff] [--prune] [--config-dir D] [--json]
       roletray setup region [--start-url URL | --account ID | --slot NAME] [REGION | --unset] [--config-dir D] [--json]

profiles  Writes one profile per role you can load into ~/.aws/config (or $AWS_CONFIG_FILE),
          between "# BEGIN ROLETRAY" and "# END ROLETRAY", for tools that want a profile
          (--profile, AWS_PROFILE, Terraform, CDK):
            [profile NAME]
            credential_process = /path/to/roletray credential-process --profile NAME
            region = ...      (where one is set: roletray setup region)
          Nothing outside the markers changes; a profile of the same name outside them (or in
          ~/.aws/credentials) is left alone and reported. Needs RoleTray running.
  --prefix P   put P before each profile name (rt- gives rt-123456789012:Admin)
  --diff       show the change, write nothing
  --prune      drop the block's profiles of roles that no longer exist (kept otherwise)

region    The region programs get as AWS_REGION and AWS_DEFAULT_REGION (the env lines, exec,
          the profiles): per IAM Identity Center instance, per account, per slot (the most
          specific wins). With no REGION, prints them all.
  --start-url URL  for the roles of that instance
  --account ID     for that account (12 digits)
  --slot NAME      for that slot ("" is the default slot)
  --unset          remove it

  --config-dir D   the RoleTray configuration directory (else $ROLETRAY_CONFIG_DIR, else the platform's)
  --json           machine-readable output
`;

/** The roletray command as a program outside this shell must call it: absolute, and through this Node unless it is the single executable. */
export function selfCommand(): string[] {
  return isSea() ? [process.execPath] : [process.execPath, realpathSync(process.argv[1]!)];
}

export interface SetupDeps {
  self: () => string[];
}

const OPTIONS = {
  prefix: { type: 'string' },
  diff: { type: 'boolean' },
  prune: { type: 'boolean' },
  'start-url': { type: 'string' },
  account: { type: 'string' },
  slot: { type: 'string' },
  unset: { type: 'boolean' },
  'config-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean };

/** `--config-dir D` for the profiles' commands only when a bare `roletray` would not find D itself. */
function configDirWord(configDir: string, env: NodeJS.ProcessEnv): string | undefined {
  const { ROLETRAY_CONFIG_DIR: _ignored, ...plain } = env;
  return configDirFor(undefined, plain) === configDir ? undefined : configDir;
}

async function profiles(values: Values, io: CliIo, deps: SetupDeps): Promise<number> {
  const configDir = configDirFor(values['config-dir'], io.env);
  const owner = await requireOwner(configDir);
  let roles, state;
  try {
    [roles, state] = [await must(owner, 'listRoles'), await must(owner, 'getState')];
  } finally {
    owner.close();
  }
  const dirWord = configDirWord(configDir, io.env);
  const { entries, skipped } = profileEntries([...roles, ...chainProfileRoles(state.chains)], {
    command: deps.self(),
    ...(values.prefix ? { prefix: values.prefix } : {}),
    ...(dirWord ? { configDir: dirWord } : {}),
    regions: state.settings.regions,
  });
  const prune = values.prune === true;
  const written = await writeProfiles(awsConfigPath(io.env), entries, { prune, dryRun: values.diff === true, credentialsFile: awsCredentialsPath(io.env) });
  if (values.json) {
    const { file, written: wrote, added, updated, removed, unchanged, stale, collisions, diff } = written;
    io.stdout(`${JSON.stringify({ file, written: wrote, added, updated, removed, unchanged, stale, collisions, skipped, ...(values.diff ? { diff } : {}) })}\n`);
    return 0;
  }
  if (values.diff) io.stdout(written.diff || 'No change.\n');
  for (const s of skipped) io.stderr(`not written: ${s.name}: ${s.reason}\n`);
  io.stdout(`${describeWrite(written, prune).join('\n')}\n`);
  if (roles.length === 0) io.stderr('RoleTray lists no roles: sign in first (roletray login), or refresh the list (roletray roles --refresh)\n');
  return 0;
}

function regionTarget(values: Values): { level: RegionLevel; key: string } | undefined {
  const given = [
    values['start-url'] !== undefined && { level: 'instances' as const, key: values['start-url'] },
    values.account !== undefined && { level: 'accounts' as const, key: values.account },
    values.slot !== undefined && { level: 'slots' as const, key: values.slot },
  ].filter((t) => t !== false);
  if (given.length > 1) throw usageError('give one of --start-url, --account and --slot');
  return given[0];
}

function describeRegions(regions: RegionDefaults): string {
  const label: Record<RegionLevel, string> = { instances: 'instance', accounts: 'account', slots: 'slot' };
  const rows = REGION_LEVELS.flatMap((level) => Object.entries(regions[level]).map(([key, region]) => `${label[level]} ${level === 'slots' && key === '' ? '(default slot)' : key}: ${region}`));
  return rows.length ? `${rows.join('\n')}\n` : 'No default regions are set.\n';
}

async function region(values: Values, positionals: string[], io: CliIo): Promise<number> {
  const target = regionTarget(values);
  if (positionals.length > 1) throw usageError('give one region');
  const region = positionals[0];
  if ((region !== undefined || values.unset) && !target) throw usageError('for what? give --start-url URL, --account ID or --slot NAME');
  if (region !== undefined && values.unset) throw usageError('a REGION or --unset, not both');
  if (target && region === undefined && !values.unset) throw usageError('give the REGION, or --unset');
  if (target) {
    const problem = regionKeyProblem(target.level, target.key) ?? (region !== undefined ? regionProblem(region) : undefined);
    if (problem) throw usageError(problem);
  }
  const configDir = configDirFor(values['config-dir'], io.env);
  const regions = await withWorkplace(configDir, 'setup', async (place) => {
    const settings = place.owner ? undefined : await JsonSettingsStore.open(join(configDir, SETTINGS_FILE));
    const current = place.owner ? (await must(place.owner, 'getState')).settings.regions : settings!.get().regions;
    if (!target) return current;
    const next = withRegion(current, target.level, target.key, region);
    if (place.owner) return (await must(place.owner, 'updateSettings', { regions: next })).regions;
    return (await settings!.update({ regions: next })).regions;
  });
  io.stdout(values.json ? `${JSON.stringify(regions)}\n` : describeRegions(regions));
  return 0;
}

export async function setup(argv: string[], io: CliIo, deps: SetupDeps = { self: selfCommand }): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const [what, ...rest] = positionals;
  if (values.help || what === undefined) {
    io.stdout(HELP);
    return values.help ? 0 : 2;
  }
  if (what === 'profiles') {
    if (rest.length > 0) throw usageError(`unexpected "${rest[0]}"`);
    return profiles(values, io, deps);
  }
  if (what === 'region' || what === 'regions') return region(values, rest, io);
  throw usageError(`unknown setup "${what}" (profiles or region)`);
}
