import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * What a file secret store needs from the platform: Electron passes `safeStorage`, headless use
 * and tests pass `aesGcmCipher`. `available()` false means "refuse to store", never "store in clear".
 * Asynchronous, so that sealing a large secret (every saved slot at once) can make way for the
 * requests the server is answering meanwhile.
 */
export interface SecretCipher {
  encrypt(plain: string): Promise<Buffer>;
  decrypt(data: Buffer): Promise<string>;
  available(): boolean;
}

const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const AES_KEY_BYTES = 32;
/** Characters encrypted between two turns of the event loop: well under a millisecond of work. */
const CHUNK = 64 * 1024;

/** Where to cut `text` near `end` without splitting a surrogate pair (its halves would each encode as U+FFFD). */
function cutAt(text: string, end: number): number {
  if (end >= text.length) return text.length;
  const unit = text.charCodeAt(end - 1);
  return unit >= 0xd800 && unit <= 0xdbff ? end + 1 : end;
}

/**
 * AES-256-GCM: `[format][iv][tag][ciphertext]`. The tag makes a tampered or truncated file fail to
 * decrypt. A long text is encrypted a chunk at a time, yielding between chunks, so the event loop
 * never stalls on it (4 MiB of saved slots held it ~40 ms in one piece).
 */
export function aesGcmCipher(key: Buffer): SecretCipher {
  if (key.length !== AES_KEY_BYTES) throw new Error(`an AES-256 key is ${AES_KEY_BYTES} bytes, not ${key.length}`);
  return {
    available: () => true,
    async encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const parts: Buffer[] = [];
      for (let start = 0; start < plain.length; ) {
        if (start > 0) await nextTurn();
        const end = cutAt(plain, start + CHUNK);
        parts.push(cipher.update(plain.slice(start, end), 'utf8'));
        start = end;
      }
      parts.push(cipher.final());
      return Buffer.concat([Buffer.from([FORMAT]), iv, cipher.getAuthTag(), ...parts]);
    },
    async decrypt(data) {
      if (data.length < 1 + IV_BYTES + TAG_BYTES || data[0] !== FORMAT) throw new Error('not an encrypted RoleTray secret');
      const iv = data.subarray(1, 1 + IV_BYTES);
      const tag = data.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(data.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}
