import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { AES_KEY_BYTES, aesGcmCipher, type SecretCipher } from './cipher';

/** The asynchronous part of Electron's `safeStorage` used here, typed structurally so this file stays Electron-free. */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plain: string): Promise<Buffer>;
  decryptStringAsync(data: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

/** The store's answer where nothing may be stored: FileSecretStore checks `available()` before anything else. */
export const NO_CIPHER: SecretCipher = {
  available: () => false,
  encrypt: () => Promise.reject(new Error('no encryption available')),
  decrypt: () => Promise.reject(new Error('no encryption available')),
};

/**
 * Chromium's Linux fallback key (the fixed "peanuts" password) marks what it encrypts with this
 * tag; a keyring's key uses "v11". On macOS and Windows "v10" is the real keychain / DPAPI key.
 */
const LINUX_FALLBACK_TAG = 'v10';

/**
 * `problem` says why when it is more than "this system has no encryption" (which the core
 * announces itself whenever secrets are unavailable).
 */
export type SafeStorageKey = { ok: true; cipher: SecretCipher } | { ok: false; problem?: string };

/**
 * The OS keychain protects one random AES-256 key, sealed with the asynchronous safeStorage API
 * (the synchronous one is deprecated in Electron 45) in `keyFile`; every secret is then encrypted
 * with that key, as Chromium itself does. On Linux without a keyring Electron falls back to a key
 * compiled into Chromium (backend `basic_text`, or the async fallback provider's "v10" tag): that
 * is clear text in disguise, so it counts as no encryption and nothing is stored.
 *
 * A sealed key that cannot be unsealed (keychain locked, reset, temporarily unavailable) is left
 * as it is, never replaced: replacing it would lose every secret for good.
 */
export async function openSafeStorageKey(safeStorage: SafeStorageLike, platform: NodeJS.Platform, keyFile: string): Promise<SafeStorageKey> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return { ok: false };
  const linux = platform === 'linux';
  if (linux) {
    const backend = safeStorage.getSelectedStorageBackend?.();
    if (backend === 'basic_text' || backend === 'unknown') return { ok: false };
  }
  const fallback = (sealed: Buffer) => linux && sealed.subarray(0, LINUX_FALLBACK_TAG.length).toString('latin1') === LINUX_FALLBACK_TAG;
  const seal = async (key: Buffer) => {
    const sealed = await safeStorage.encryptStringAsync(key.toString('base64'));
    if (fallback(sealed)) return false;
    await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
    await writeFileAtomic(keyFile, sealed, 0o600);
    return true;
  };

  let sealed: Buffer | undefined;
  try {
    sealed = await readFile(keyFile);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (!sealed) {
    const key = randomBytes(AES_KEY_BYTES);
    return (await seal(key)) ? { ok: true, cipher: aesGcmCipher(key) } : { ok: false };
  }
  if (fallback(sealed)) return { ok: false };
  let opened: { result: string; shouldReEncrypt: boolean };
  try {
    opened = await safeStorage.decryptStringAsync(sealed);
  } catch (err) {
    return {
      ok: false,
      problem: `The keychain did not unlock RoleTray's key (${(err as Error).message}), so stored secrets cannot be read or saved this time. Unlock the keychain and start RoleTray again.`,
    };
  }
  const key = Buffer.from(opened.result, 'base64');
  if (key.length !== AES_KEY_BYTES) return { ok: false, problem: `${keyFile} does not hold a RoleTray key; move it away to start with no stored secrets.` };
  // The keychain rotated its key or offers a stronger one: seal ours again under it.
  if (opened.shouldReEncrypt) await seal(key);
  return { ok: true, cipher: aesGcmCipher(key) };
}
