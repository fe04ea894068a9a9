import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdir, open, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../common/user-error';
import { syncDir } from './atomic-file';
import { AES_KEY_BYTES, aesGcmCipher } from './cipher';
import { FileSecretStore } from './file-secret-store';
import { loadOrCreateKey } from './key-file';
import { osKeychain, type Keychain } from './keychain';
import { checkOwnership } from './ownership';

export const KEY_FILE = 'secret.key';
/** Says the key is in the OS keychain, so a keychain that does not answer is an error, never a reason to make a new key. */
export const KEYCHAIN_MARKER = 'secret.keychain';
export const SECRETS_DIR = 'secrets';

/** Where the key of a configuration directory's secrets is kept. `reason`: why not in a keychain. */
export type KeyProtection = { kind: 'keychain' } | { kind: 'key-file'; reason: string };

export class HeadlessSecretStore extends FileSecretStore {
  constructor(
    dir: string,
    key: Buffer,
    readonly protection: KeyProtection,
  ) {
    super(dir, aesGcmCipher(key));
  }
}

/** What the key file protects against, said wherever the key file is used (`serve` prints it at start). */
export function keyFileWarning(configDir: string): string | undefined {
  if (!existsSync(join(configDir, KEY_FILE))) return undefined;
  return (
    `secrets in ${configDir} are encrypted with the key in ${join(configDir, KEY_FILE)}, not with an OS keychain (none answered when it was made). ` +
    'That keeps them from other users and from casual reads (backups, a stray cat), not from programs running as you, nor from anyone who copies the whole folder.'
  );
}

const decodeKey = (text: string | null) => {
  const key = text === null ? undefined : Buffer.from(text, 'base64');
  return key?.length === AES_KEY_BYTES ? key : undefined;
};

/** The key the keychain holds for this directory, which the marker says it has. */
async function keyFromKeychain(configDir: string, keychain: Keychain | { unavailable: string }): Promise<Buffer> {
  const fail = (why: string) =>
    new UserError(`The secrets in ${configDir} are keyed in the OS keychain, but ${why}. Unlock the keychain and try again; to start over without those secrets, move ${join(configDir, SECRETS_DIR)} and ${join(configDir, KEYCHAIN_MARKER)} away.`);
  if (typeof keychain !== 'function') throw fail(keychain.unavailable);
  let text: string | null;
  try {
    text = await keychain(configDir).getPassword();
  } catch (err) {
    throw fail(`it did not answer (${(err as Error).message})`);
  }
  const key = decodeKey(text);
  if (!key) throw fail('it holds no RoleTray key for this directory');
  return key;
}

/**
 * A new key in the keychain, with the marker that says so. The marker is taken first (created
 * exclusively), so of two processes starting at once only one makes the key; undefined, with the
 * reason, when no keychain takes it.
 */
async function newKeychainKey(configDir: string, keychain: Keychain | { unavailable: string }): Promise<{ key?: Buffer; reason: string }> {
  if (typeof keychain !== 'function') return { reason: keychain.unavailable };
  let entry;
  try {
    entry = keychain(configDir);
    // A read first: it fails at once where no keychain runs, before anything is written.
    await entry.getPassword();
  } catch (err) {
    return { reason: `no OS keychain answered (${(err as Error).message})` };
  }
  const marker = join(configDir, KEYCHAIN_MARKER);
  const temp = `${marker}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await (await open(temp, 'wx', 0o600)).close();
  try {
    await link(temp, marker);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // Another process is making the key: it is in the keychain once that process is done.
    for (let tries = 0; tries < 40; tries++) {
      const key = decodeKey(await entry.getPassword());
      if (key) return { key, reason: '' };
      await new Promise((r) => setTimeout(r, 50));
    }
    return { key: await keyFromKeychain(configDir, keychain), reason: '' };
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  const key = randomBytes(AES_KEY_BYTES);
  try {
    await entry.setPassword(key.toString('base64'));
    if (!decodeKey(await entry.getPassword())?.equals(key)) throw new Error('it did not give the key back');
  } catch (err) {
    await unlink(marker);
    return { reason: `the OS keychain did not keep the key (${(err as Error).message})` };
  }
  await syncDir(configDir);
  return { key, reason: '' };
}

/**
 * The command line's secret store: AES-256-GCM files under `<configDir>/secrets`. Their key is in
 * the OS keychain where one answers (@napi-rs/keyring), else in `<configDir>/secret.key` (0600),
 * which protects against other users and casual reads only (keyFileWarning). A directory, key or
 * secret file another user owns or could change is refused first, as ssh refuses such keys.
 */
export async function openHeadlessSecretStore(
  configDir: string,
  options: { keychain?: () => Promise<Keychain | { unavailable: string }> } = {},
): Promise<HeadlessSecretStore> {
  const secretsDir = join(configDir, SECRETS_DIR);
  checkOwnership(configDir, 'configuration directory');
  checkOwnership(secretsDir, 'configuration directory');
  checkOwnership(join(configDir, KEY_FILE), 'key file');
  checkOwnership(join(configDir, KEYCHAIN_MARKER), 'key file');
  const files = await readdir(secretsDir).catch(() => [] as string[]);
  for (const file of files) checkOwnership(join(secretsDir, file), 'secret file');

  const keyFile = join(configDir, KEY_FILE);
  if (existsSync(keyFile)) return new HeadlessSecretStore(secretsDir, await loadOrCreateKey(keyFile), { kind: 'key-file', reason: 'made with a key file' });
  const keychain = await (options.keychain ?? osKeychain)();
  if (existsSync(join(configDir, KEYCHAIN_MARKER))) return new HeadlessSecretStore(secretsDir, await keyFromKeychain(configDir, keychain), { kind: 'keychain' });
  await mkdir(configDir, { recursive: true, mode: 0o700 });
  const made = await newKeychainKey(configDir, keychain);
  if (made.key) return new HeadlessSecretStore(secretsDir, made.key, { kind: 'keychain' });
  return new HeadlessSecretStore(secretsDir, await loadOrCreateKey(keyFile), { kind: 'key-file', reason: made.reason });
}
