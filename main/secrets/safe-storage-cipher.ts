import type { SecretCipher } from './cipher';

/** The part of Electron's `safeStorage` used here, typed structurally so this file stays Electron-free. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(data: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

/**
 * Electron's safeStorage as a SecretCipher. On Linux without a keyring Electron falls back to
 * `basic_text`, a fixed key compiled into Chromium: that is clear text in disguise, so it counts
 * as "no encryption" and the store refuses rather than pretend.
 */
export function safeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform): SecretCipher {
  return {
    available: () =>
      safeStorage.isEncryptionAvailable() && !(platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text'),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  };
}
