import { safeStorage } from 'electron';
import { join } from 'node:path';
import { FileSecretStore } from '../secrets/file-secret-store';
import type { SecretCipher } from '../secrets/cipher';

/** The OS keychain (via Electron safeStorage) encrypts every secret; without it nothing is stored. */
const safeStorageCipher: SecretCipher = {
  available: () => safeStorage.isEncryptionAvailable(),
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (data) => safeStorage.decryptString(data),
};

export function openAppSecrets(userData: string): { store: FileSecretStore; available: boolean } {
  return { store: new FileSecretStore(join(userData, 'secrets'), safeStorageCipher), available: safeStorageCipher.available() };
}
