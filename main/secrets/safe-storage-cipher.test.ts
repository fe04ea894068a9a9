import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSafeStorageKey, type SafeStorageLike } from './safe-storage-cipher';

/** A keychain that seals with a tag and a reversible scramble; it can be told to fail or to rotate. */
function keychain(options: { available?: boolean; backend?: string; tag?: string; failDecrypt?: string; rotate?: boolean } = {}) {
  const seen = { encrypts: 0 };
  const scramble = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x33));
  const storage: SafeStorageLike = {
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    encryptStringAsync: async (plain) => {
      seen.encrypts++;
      return Buffer.concat([Buffer.from(options.tag ?? 'v11'), scramble(Buffer.from(plain))]);
    },
    decryptStringAsync: async (data) => {
      if (options.failDecrypt) throw new Error(options.failDecrypt);
      return { result: scramble(data.subarray(3)).toString(), shouldReEncrypt: options.rotate ?? false };
    },
    ...(options.backend ? { getSelectedStorageBackend: () => options.backend! } : {}),
  };
  return { storage, seen };
}

async function keyFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'roletray-safe-storage-')), 'userData', 'secret-key.sealed');
}

describe('openSafeStorageKey', () => {
  it('seals a new key with the keychain on first use and unseals the same key afterwards', async () => {
    const file = await keyFile();
    const { storage } = keychain({ backend: 'gnome_libsecret' });
    const first = await openSafeStorageKey(storage, 'linux', file);
    if (!first.ok) throw new Error('expected a key');
    const data = await first.cipher.encrypt('the secret');
    const sealed = await readFile(file);
    expect(sealed.subarray(0, 3).toString()).toBe('v11');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const second = await openSafeStorageKey(storage, 'linux', file);
    if (!second.ok) throw new Error('expected a key');
    expect(second.cipher.available()).toBe(true);
    expect(await second.cipher.decrypt(data)).toBe('the secret');
    expect(await readFile(file)).toEqual(sealed);
  });

  it("counts Linux's fixed-key fallbacks as no encryption, and stores no key under them", async () => {
    for (const options of [{ backend: 'basic_text' }, { backend: 'unknown' }, { backend: 'gnome_libsecret', tag: 'v10' }]) {
      const file = await keyFile();
      expect(await openSafeStorageKey(keychain(options).storage, 'linux', file)).toEqual({ ok: false });
      await expect(stat(file)).rejects.toThrow(/ENOENT/);
    }
  });

  it('refuses a key sealed under the Linux fallback by an earlier run', async () => {
    const file = await keyFile();
    await openSafeStorageKey(keychain({ tag: 'v10' }).storage, 'win32', file);
    expect(await openSafeStorageKey(keychain({ backend: 'kwallet6' }).storage, 'linux', file)).toEqual({ ok: false });
  });

  it('accepts "v10" on macOS and Windows, where it is the keychain / DPAPI key', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      expect((await openSafeStorageKey(keychain({ tag: 'v10' }).storage, platform, await keyFile())).ok).toBe(true);
    }
  });

  it('stores nothing when the OS offers no encryption at all', async () => {
    expect(await openSafeStorageKey(keychain({ available: false }).storage, 'darwin', await keyFile())).toEqual({ ok: false });
  });

  it('leaves a key the keychain will not unseal in place, and says why', async () => {
    const file = await keyFile();
    await openSafeStorageKey(keychain().storage, 'darwin', file);
    const before = await readFile(file);
    const locked = await openSafeStorageKey(keychain({ failDecrypt: 'safeStorage.decryptStringAsync is temporarily unavailable' }).storage, 'darwin', file);
    expect(locked).toEqual({ ok: false, problem: expect.stringMatching(/did not unlock RoleTray's key \(safeStorage.decryptStringAsync is temporarily unavailable\)/) });
    expect(await readFile(file)).toEqual(before);
  });

  it('seals the key again when the keychain asks for it (key rotation), keeping the key', async () => {
    const file = await keyFile();
    const first = await openSafeStorageKey(keychain({ tag: 'v11' }).storage, 'darwin', file);
    if (!first.ok) throw new Error('expected a key');
    const data = await first.cipher.encrypt('kept');
    const rotating = keychain({ tag: 'v12', rotate: true });
    const second = await openSafeStorageKey(rotating.storage, 'darwin', file);
    if (!second.ok) throw new Error('expected a key');
    expect(rotating.seen.encrypts).toBe(1);
    expect((await readFile(file)).subarray(0, 3).toString()).toBe('v12');
    expect(await second.cipher.decrypt(data)).toBe('kept');
  });

  it('says which file is wrong when it does not hold a key', async () => {
    const file = await keyFile();
    await openSafeStorageKey(keychain().storage, 'darwin', file);
    const { storage } = keychain();
    await writeFile(file, await storage.encryptStringAsync('c2hvcnQ='));
    expect(await openSafeStorageKey(storage, 'darwin', file)).toEqual({ ok: false, problem: expect.stringContaining(`${file} does not hold a RoleTray key`) });
  });
});
