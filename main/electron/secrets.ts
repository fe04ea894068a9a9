import { safeStorage } from 'electron';
import { join } from 'node:path';
import { closedStore, foreignSecretsMessage, markingStore, SEALED_KEY_FILE, storeKindOf } from '../control/store-kind';
import type { SecretStore } from '../secrets/secret-store';
import { FileSecretStore } from '../secrets/file-secret-store';
import { NO_CIPHER, openSafeStorageKey } from '../secrets/safe-storage-cipher';

export interface AppSecrets {
  store: SecretStore;
  available: boolean;
  /** Why secrets are unavailable, when it is more than "no encryption on this system". */
  problem?: string;
}

/**
 * Secrets under a key the OS keychain protects (safeStorage); without one nothing is stored. A
 * directory whose secrets the command line keeps (its key file) is left alone: nothing of it is
 * read as garbage, nothing written beside it, and the person is told what to run.
 */
export async function openAppSecrets(userData: string, platform: NodeJS.Platform): Promise<AppSecrets> {
  const found = await storeKindOf(userData);
  if (found === 'key-file' || found === 'mixed') {
    const problem = foreignSecretsMessage(userData, found, 'app');
    return { store: closedStore(problem), available: false, problem };
  }
  const key = await openSafeStorageKey(safeStorage, platform, join(userData, SEALED_KEY_FILE));
  const dir = join(userData, 'secrets');
  if (key.ok) return { store: markingStore(new FileSecretStore(dir, key.cipher), userData, 'app'), available: true };
  return { store: new FileSecretStore(dir, NO_CIPHER), available: false, ...(key.problem ? { problem: key.problem } : {}) };
}
