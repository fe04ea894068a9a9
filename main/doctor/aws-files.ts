import { readFile } from 'node:fs/promises';
import { profileOfHeader } from '../profiles/aws-config-block';
import { activeProfile } from './environment';
import type { Finding } from './finding';

/** Settings that give a profile credentials of its own, ahead of the container endpoint in the SDKs' chains. */
const CREDENTIAL_KEYS = ['aws_access_key_id', 'credential_process', 'sso_session', 'sso_start_url', 'role_arn', 'web_identity_token_file'];

async function readIfThere(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}

/** Each profile's keys, as botocore reads the file: section headers, then `key = value` lines. */
function keysByProfile(text: string, kind: 'config' | 'credentials'): Map<string, Set<string>> {
  const profiles = new Map<string, Set<string>>();
  let current: Set<string> | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*\[/.test(line)) {
      const name = profileOfHeader(line, kind);
      current = name === undefined ? undefined : (profiles.get(name) ?? new Set());
      if (name !== undefined) profiles.set(name, current!);
      continue;
    }
    const key = /^([A-Za-z_][\w.-]*)\s*[=:]/.exec(line)?.[1];
    if (key && current) current.add(key.toLowerCase());
  }
  return profiles;
}

/**
 * The active profile (`default` unless AWS_PROFILE says otherwise) with credentials of its own in
 * ~/.aws/credentials or ~/.aws/config: the SDKs and the AWS CLI take those before asking
 * RoleTray. A profile of RoleTray's own block is RoleTray.
 */
export async function awsFileFindings(env: NodeJS.ProcessEnv, files: { configFile: string; credentialsFile: string }, ours: ReadonlySet<string>): Promise<Finding[]> {
  const profile = activeProfile(env);
  if (ours.has(profile)) return [];
  const found: Finding[] = [];
  const inCredentials = keysByProfile(await readIfThere(files.credentialsFile), 'credentials').get(profile);
  if (inCredentials?.has('aws_access_key_id')) {
    found.push({
      id: 'credentials-file-keys',
      problem: `[${profile}] in ${files.credentialsFile} has keys: the SDKs and the AWS CLI use them before RoleTray's credentials.`,
      fix: `remove aws_access_key_id and aws_secret_access_key from [${profile}] in ${files.credentialsFile} (or rename the section)`,
    });
  }
  const inConfig = keysByProfile(await readIfThere(files.configFile), 'config').get(profile);
  const own = CREDENTIAL_KEYS.filter((k) => inConfig?.has(k));
  if (own.length > 0) {
    const section = profile === 'default' ? '[default]' : `[profile ${profile}]`;
    found.push({
      id: 'config-file-credentials',
      problem: `${section} in ${files.configFile} gets credentials of its own (${own.join(', ')}): the SDKs and the AWS CLI use them before RoleTray's.`,
      fix: `remove ${own.join(', ')} from ${section} in ${files.configFile} (keep region and the like)`,
    });
  }
  return found;
}
