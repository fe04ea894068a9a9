import { describe, expect, it } from 'vitest';
import { safeStorageCipher, type SafeStorageLike } from './safe-storage-cipher';

function fake(available: boolean, backend?: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from(s).reverse(),
    decryptString: (b) => Buffer.from(b).reverse().toString(),
    getSelectedStorageBackend: backend === undefined ? undefined : () => backend,
  };
}

describe('safeStorageCipher', () => {
  it('passes encryption through to safeStorage', () => {
    const cipher = safeStorageCipher(fake(true, 'gnome_libsecret'), 'linux');
    expect(cipher.available()).toBe(true);
    expect(cipher.decrypt(cipher.encrypt('secret'))).toBe('secret');
  });

  it("counts Linux's basic_text fallback, and no encryption at all, as unavailable", () => {
    expect(safeStorageCipher(fake(true, 'basic_text'), 'linux').available()).toBe(false);
    expect(safeStorageCipher(fake(false), 'darwin').available()).toBe(false);
    expect(safeStorageCipher(fake(true), 'win32').available()).toBe(true);
  });
});
