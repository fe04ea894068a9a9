import { chmod, mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { homeOf } from '../config-dir';
import { writeFileAtomic } from '../secrets/atomic-file';
import { planProfiles, profileNames, type ProfileEntry, type ProfilesPlan } from './aws-config-block';

/** The AWS shared credentials file the SDKs read: $AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials. */
export function awsCredentialsPath(env: NodeJS.ProcessEnv, home: string = homeOf(env)): string {
  return env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials');
}

async function readIfThere(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export interface ProfilesWrite extends ProfilesPlan {
  file: string;
  /** A unified diff of the change ('' when there is none). */
  diff: string;
  written: boolean;
}

/**
 * Writes the profiles' block into the AWS config file at `file`, unless `dryRun`. The write is
 * atomic (a temp file renamed over it), follows a symbolic link to the real file (dotfile
 * managers link ~/.aws/config) and keeps its mode; a new file is made 0600 in a 0700 folder, as
 * the AWS CLI makes them. Names in the credentials file count as taken: its keys would win.
 */
export async function writeProfiles(
  file: string,
  entries: readonly ProfileEntry[],
  options: { prune: boolean; dryRun: boolean; credentialsFile?: string },
): Promise<ProfilesWrite> {
  const current = await readIfThere(file);
  const credentials = options.credentialsFile ? await readIfThere(options.credentialsFile) : undefined;
  const plan = planProfiles(current ?? '', entries, { prune: options.prune, file, taken: profileNames(credentials ?? '', 'credentials') });
  // Loaded when there is a change to show: `serve` builds this operation at start and need not load it then.
  const diff = plan.changed ? (await import('diff')).createTwoFilesPatch(file, file, current ?? '', plan.text, undefined, undefined, { context: 2 }) : '';
  if (!plan.changed || options.dryRun) return { ...plan, file, diff, written: false };
  if (current === undefined) {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await writeFileAtomic(file, plan.text, 0o600);
  } else {
    // Renamed over the link's target, not the link; the mode set again, as the umask narrowed it.
    const real = await realpath(file);
    const mode = (await stat(real)).mode & 0o7777;
    await writeFileAtomic(real, plan.text, mode);
    await chmod(real, mode);
  }
  return { ...plan, file, diff, written: true };
}

/** What the write did, in lines for a person. */
export function describeWrite(w: ProfilesWrite, prune: boolean): string[] {
  const count = (n: number, what: string) => `${n} ${what}`;
  const lines = [
    w.changed
      ? `${w.file}: ${w.written ? '' : 'would be '}${count(w.added.length, 'added')}, ${count(w.updated.length, 'updated')}, ${count(w.removed.length, 'removed')}, ${count(w.unchanged.length, 'unchanged')}`
      : `${w.file}: up to date (${count(w.unchanged.length + w.stale.length, 'RoleTray profiles')})`,
  ];
  for (const name of w.collisions) lines.push(`not written: profile ${name} exists outside the RoleTray block (it is left as it is; use a prefix to write RoleTray's beside it)`);
  if (w.stale.length > 0 && !prune) lines.push(`kept ${count(w.stale.length, 'profiles')} of roles that no longer exist (${w.stale.join(', ')}); --prune removes them`);
  return lines;
}
