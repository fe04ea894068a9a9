import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * What a file secret store needs from the platform: Electron passes `safeStorage`, headless use
 * and tests pass `aesGcmCipher`. `available()` false means "refuse to store", never "store in clear".
 */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
  available(): boolean;
}

const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const AES_KEY_BYTES = 32;

/** AES-256-GCM: `[format][iv][tag][ciphertext]`. The tag makes a tampered or truncated file fail to decrypt. */
export function aesGcmCipher(key: Buffer): SecretCipher {
  if (key.length !== AES_KEY_BYTES) throw new Error(`an AES-256 key is ${AES_KEY_BYTES} bytes, not ${key.length}`);
  return {
    available: () => true,
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      if (data.length < 1 + IV_BYTES + TAG_BYTES || data[0] !== FORMAT) throw new Error('not an encrypted RoleTray secret');
      const iv = data.subarray(1, 1 + IV_BYTES);
      const tag = data.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(data.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}
