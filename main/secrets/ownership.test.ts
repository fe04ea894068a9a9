import { chmodSync, chownSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOwnership, UnsafeOwnershipError } from './ownership';

const posix = process.platform !== 'win32';
const root = posix && process.getuid!() === 0;
const fresh = () => mkdtempSync(join(tmpdir(), 'roletray-ownership-'));

function file(mode: number): string {
  const path = join(fresh(), 'it');
  writeFileSync(path, 'x');
  chmodSync(path, mode);
  return path;
}

function folder(mode: number): string {
  const path = join(fresh(), 'dir');
  mkdirSync(path);
  chmodSync(path, mode);
  return path;
}

describe.runIf(posix)('checkOwnership', () => {
  it('passes what only its owner can touch, and what does not exist yet', () => {
    expect(() => checkOwnership(file(0o600), 'token file')).not.toThrow();
    // A token file others may read is the person's choice (a container may need it); changing it is not.
    expect(() => checkOwnership(file(0o644), 'token file')).not.toThrow();
    expect(() => checkOwnership(file(0o400), 'key file')).not.toThrow();
    expect(() => checkOwnership(folder(0o700), 'configuration directory')).not.toThrow();
    // A folder others may read (the platform's config folder often is) but not write is as ssh allows.
    expect(() => checkOwnership(folder(0o755), 'configuration directory')).not.toThrow();
    expect(() => checkOwnership(join(fresh(), 'missing'), 'secret file')).not.toThrow();
  });

  it.each([
    [0o644, 'key file', 'lets your group read it; lets other users read it', 'go-rwx'],
    [0o640, 'key file', 'lets your group read it', 'go-rwx'],
    [0o602, 'secret file', 'lets other users change it', 'go-rwx'],
    [0o620, 'token file', 'lets your group change it', 'go-w'],
    [0o666, 'token file', 'lets your group change it; lets other users change it', 'go-w'],
  ] as const)('refuses a file of mode %s that others may change (or read, for a key or secret), naming the path and the chmod that fixes it', (mode, what, says, fix) => {
    const path = file(mode);
    const octal = mode.toString(8);
    expect(() => checkOwnership(path, what)).toThrow(new UnsafeOwnershipError(`The ${what} ${path} (mode ${octal}) ${says}. Fix it with: chmod ${fix} '${path}'`));
  });

  it.each([
    [0o770, 'lets your group add or remove files in it'],
    [0o777, 'lets your group add or remove files in it; lets other users add or remove files in it'],
    [0o1777, 'lets your group add or remove files in it; lets other users add or remove files in it'],
  ])('refuses a configuration directory of mode %s that others can write in', (mode, says) => {
    const path = folder(mode);
    expect(() => checkOwnership(path, 'configuration directory')).toThrow(
      `The configuration directory ${path} (mode ${(mode & 0o777).toString(8)}) ${says}. Fix it with: chmod go-w '${path}'`,
    );
  });

  it('quotes a path with a quote in it so the printed fix can be pasted', () => {
    const dir = fresh();
    const path = join(dir, "it's");
    writeFileSync(path, 'x', { mode: 0o644 });
    expect(() => checkOwnership(path, 'key file')).toThrow(`chmod go-rwx '${dir}/it'\\''s'`);
  });

  it.runIf(root)('refuses a file or folder owned by another user (chown nobody), even to root, with the chown that fixes it', () => {
    const me = userInfo().username;
    const path = file(0o600);
    chownSync(path, 65534, 65534);
    expect(() => checkOwnership(path, 'key file')).toThrow(
      `The key file ${path} belongs to another user (uid 65534), not to you (${me}, uid 0), so that user can read or change it. Fix it with: sudo chown ${me} '${path}'`,
    );
    const dir = folder(0o700);
    chownSync(dir, 65534, 65534);
    expect(() => checkOwnership(dir, 'configuration directory')).toThrow(/belongs to another user \(uid 65534\)/);
  });
});
