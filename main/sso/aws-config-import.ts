import { homeOf } from '../config-dir';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'ini';
import { parseAccountId, parseRoleName } from '../credentials/put-body';
import type { ProfileNaming } from '../../common/profile-names';
import { roleKeyOf } from '../../common/role-key';
import type { SsoInstance } from '../../common/sso-instance';

/** An SSO profile of the AWS config file, kept under its existing name. */
export interface ImportedProfile {
  profileName: string;
  startUrl: string;
  region: string;
  accountId: string;
  roleName: string;
  /** The `[sso-session]` it uses; absent for the legacy sso_start_url form. */
  sessionName?: string;
}

export interface ImportedInstance extends SsoInstance {
  sessionName?: string;
}

export interface AwsConfigImport {
  instances: ImportedInstance[];
  profiles: ImportedProfile[];
  /** Sections that look like SSO profiles but cannot be used, and why. */
  problems: string[];
}

type Section = Record<string, unknown>;

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * Makes the `ini` package read the file as the AWS CLI does (Python's configparser): a dot in a
 * section name is part of the name, not nesting, and `#`/`;` inside a value are part of it
 * (start URLs often end in `#/`). Whole-line comments stay comments.
 */
function asAwsCliReadsIt(source: string): string {
  return source
    .split(/\r?\n/)
    .map((line) => {
      if (/^\s*[;#]/.test(line)) return line;
      const header = /^\s*\[([^\]]*)\]\s*$/.exec(line);
      if (header) return `[${header[1]!.trim().replaceAll('.', '\\.')}]`;
      const eq = line.indexOf('=');
      return eq < 0 ? line : line.slice(0, eq + 1) + line.slice(eq + 1).replace(/[#;\\]/g, (c) => `\\${c}`);
    })
    .join('\n');
}

function profileNameOf(section: string): string | undefined {
  if (section === 'default') return 'default';
  const m = /^profile\s+(.+)$/.exec(section);
  return m ? m[1]!.trim() : undefined;
}

/** The `[profile NAME]` (and `[default]`) sections of an AWS config file's text, by profile name, read as the AWS CLI reads them. */
export function awsConfigProfiles(source: string): Map<string, Record<string, unknown>> {
  const profiles = new Map<string, Record<string, unknown>>();
  for (const [section, values] of Object.entries(parse(asAwsCliReadsIt(source)) as Record<string, Section>)) {
    const name = profileNameOf(section);
    if (name !== undefined) profiles.set(name, values);
  }
  return profiles;
}

/** An AWS config file's text; '' when there is no file. */
export async function readAwsConfigText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}

/** The SSO instances and role profiles of an AWS config file's text. Read-only: nothing is written back. */
export function importAwsConfig(source: string): AwsConfigImport {
  const parsed = parse(asAwsCliReadsIt(source)) as Record<string, Section>;
  const sessions = new Map<string, ImportedInstance>();
  const instances = new Map<string, ImportedInstance>();
  const profiles: ImportedProfile[] = [];
  const problems: string[] = [];

  for (const [section, values] of Object.entries(parsed)) {
    const m = /^sso-session\s+(.+)$/.exec(section);
    if (!m) continue;
    const name = m[1]!.trim();
    const startUrl = text(values.sso_start_url);
    const region = text(values.sso_region);
    if (!startUrl || !region) {
      problems.push(`[sso-session ${name}] needs sso_start_url and sso_region`);
      continue;
    }
    sessions.set(name, { startUrl, region, sessionName: name });
    if (!instances.has(startUrl)) instances.set(startUrl, { startUrl, region, sessionName: name });
  }

  for (const [section, values] of Object.entries(parsed)) {
    const profileName = profileNameOf(section);
    if (profileName === undefined) continue;
    const sessionName = text(values.sso_session);
    let instance: ImportedInstance | undefined;
    if (sessionName) {
      instance = sessions.get(sessionName);
      if (!instance) {
        problems.push(`profile ${profileName}: sso_session "${sessionName}" has no [sso-session ${sessionName}] section`);
        continue;
      }
    } else {
      const startUrl = text(values.sso_start_url);
      const region = text(values.sso_region);
      if (!startUrl && !region) continue; // not an SSO profile
      if (!startUrl || !region) {
        problems.push(`profile ${profileName}: needs both sso_start_url and sso_region`);
        continue;
      }
      instance = { startUrl, region };
      if (!instances.has(startUrl)) instances.set(startUrl, instance);
    }
    const account = values.sso_account_id;
    const role = values.sso_role_name;
    if (account === undefined && role === undefined) continue; // a session-only profile, for `aws sso login`
    const accountId = parseAccountId(text(account) ?? '');
    const roleName = parseRoleName(text(role));
    if (!accountId.ok || !roleName.ok) {
      problems.push(`profile ${profileName}: ${!accountId.ok ? 'sso_account_id is not an account id' : 'sso_role_name is not a role name'}`);
      continue;
    }
    profiles.push({
      profileName,
      startUrl: instance.startUrl,
      region: instance.region,
      accountId: accountId.value,
      roleName: roleName.value,
      ...(sessionName ? { sessionName } : {}),
    });
  }
  return { instances: [...instances.values()], profiles, problems };
}

/** Names for an instance's roles: the AWS config's profile names first (people keep theirs), then the format. */
export function namingFromAwsConfig(startUrl: string, config: AwsConfigImport, format: string | undefined): ProfileNaming {
  const custom: Record<string, string> = {};
  for (const p of config.profiles) if (p.startUrl === startUrl) custom[roleKeyOf(p)] ??= p.profileName;
  return { custom, ...(format ? { format } : {}) };
}

/** The AWS config file the AWS CLI would read: $AWS_CONFIG_FILE, else ~/.aws/config. */
export function awsConfigPath(env: NodeJS.ProcessEnv, home: string = homeOf(env)): string {
  return env.AWS_CONFIG_FILE || join(home, '.aws', 'config');
}

/** The import of the user's AWS config file; an empty one when there is no file. */
export async function readAwsConfig(path: string): Promise<AwsConfigImport> {
  return importAwsConfig(await readAwsConfigText(path));
}
