import { join } from 'node:path';
import { aesGcmCipher } from './cipher';
import { FileSecretStore } from './file-secret-store';
import { loadOrCreateKey } from './key-file';

export const KEY_FILE = 'secret.key';
export const SECRETS_DIR = 'secrets';

/**
 * The CLI's secret store: AES-256-GCM files under `<configDir>/secrets`, keyed by
 * `<configDir>/secret.key` (0600). Protects against casual reading only; see key-file.ts.
 */
export async function openHeadlessSecretStore(configDir: string): Promise<FileSecretStore> {
  const key = await loadOrCreateKey(join(configDir, KEY_FILE));
  return new FileSecretStore(join(configDir, SECRETS_DIR), aesGcmCipher(key));
}
