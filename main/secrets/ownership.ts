import { statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { UserError } from '../../common/user-error';

/** A file or folder another user could read, change or replace: refused, as ssh refuses such keys. */
export class UnsafeOwnershipError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeOwnershipError';
  }
}

export type GuardedPath = 'configuration directory' | 'key file' | 'secret file' | 'token file';

/** Shell-quoted, so the printed command can be pasted as it is. */
const quoted = (path: string) => `'${path.replaceAll("'", `'\\''`)}'`;

/** What the three permission bits `bits & 7` let `who` do, in words ('' for nothing). */
function permitted(bits: number, who: string, folder: boolean): string {
  const can = [bits & 4 ? 'read' : '', bits & 2 ? (folder ? 'add or remove files in' : 'change') : '', bits & 1 && !folder ? 'run' : ''].filter(Boolean);
  return can.length ? `lets ${who} ${can.join(' and ')} it` : '';
}

/**
 * Refuses `path` when another user owns it, or could write it (a folder: put files in it; a
 * file: change it), or, for the key and the secret files, read it (as ssh refuses a private key
 * others can read: RoleTray makes them 0600, so only a later chmod opens them). The message names the path and
 * the command that fixes it. A path that does not exist passes: RoleTray creates it private.
 * Windows has no POSIX owners or modes; there the folder's ACLs are the protection.
 */
export function checkOwnership(path: string, what: GuardedPath): void {
  if (typeof process.getuid !== 'function') return;
  let stat;
  try {
    stat = statSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const uid = process.getuid();
  if (stat.uid !== uid) {
    const me = userInfo().username;
    throw new UnsafeOwnershipError(
      `The ${what} ${path} belongs to another user (uid ${stat.uid}), not to you (${me}, uid ${uid}), so that user can read or change it. ` +
        `Fix it with: sudo chown ${me} ${quoted(path)}`,
    );
  }
  const folder = what === 'configuration directory';
  const unreadable = what === 'key file' || what === 'secret file';
  const exposed = stat.mode & (unreadable ? 0o077 : 0o022);
  if (exposed !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(3, '0');
    throw new UnsafeOwnershipError(
      `The ${what} ${path} (mode ${mode}) ${[permitted(exposed >> 3, 'your group', folder), permitted(exposed, 'other users', folder)].filter(Boolean).join('; ')}. ` +
        `Fix it with: chmod ${unreadable ? 'go-rwx' : 'go-w'} ${quoted(path)}`,
    );
  }
}
