import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AES_KEY_BYTES } from './cipher';
import { syncDir } from './atomic-file';
import { UserError } from '../../common/user-error';

async function readKey(path: string): Promise<Buffer> {
  const key = await readFile(path);
  if (key.length !== AES_KEY_BYTES) {
    throw new UserError(`${path} is not a RoleTray key file (${key.length} bytes, expected ${AES_KEY_BYTES}); the secrets it protected cannot be read`);
  }
  return key;
}

/**
 * The headless secret key: 32 random bytes in a 0600 file beside the secrets. This keeps secrets
 * out of casual reads (backups, grep, a shared screen), NOT away from other programs running as
 * the same user: they can read the key file too. The desktop app uses the OS keychain instead.
 *
 * Created through a temp file and `link`, so two processes starting at once agree on one key and
 * a crash never leaves a half-written key.
 */
export async function loadOrCreateKey(path: string): Promise<Buffer> {
  try {
    return await readKey(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(randomBytes(AES_KEY_BYTES));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, path);
  } catch (err) {
    // Another process won the race: its key is the key.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await syncDir(dirname(path));
  return readKey(path);
}
