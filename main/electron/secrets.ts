import { safeStorage } from 'electron';
import { join } from 'node:path';
import { FileSecretStore } from '../secrets/file-secret-store';
import { NO_CIPHER, openSafeStorageKey } from '../secrets/safe-storage-cipher';

export interface AppSecrets {
  store: FileSecretStore;
  available: boolean;
  /** Why secrets are unavailable, when it is more than "no encryption on this system". */
  problem?: string;
}

/** Secrets under a key the OS keychain protects (safeStorage); without one nothing is stored. */
export async function openAppSecrets(userData: string, platform: NodeJS.Platform): Promise<AppSecrets> {
  const key = await openSafeStorageKey(safeStorage, platform, join(userData, 'secret-key.sealed'));
  const dir = join(userData, 'secrets');
  if (key.ok) return { store: new FileSecretStore(dir, key.cipher), available: true };
  return { store: new FileSecretStore(dir, NO_CIPHER), available: false, ...(key.problem ? { problem: key.problem } : {}) };
}
