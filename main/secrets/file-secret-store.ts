import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretCipher } from './cipher';
import type { SecretStore } from './secret-store';
import { removeFile, syncDir, writeFileAtomic } from './atomic-file';
import { UserError } from '../../common/user-error';

/** Raised instead of ever writing a secret in clear. */
export class SecretsUnavailableError extends UserError {
  constructor() {
    super(
      'This system offers no encryption for stored secrets (no keychain / secret service), so RoleTray will not store them. ' +
        'Install and unlock a keyring (e.g. gnome-keyring or KWallet), or use the headless CLI.',
    );
    this.name = 'SecretsUnavailableError';
  }
}

/** A secret file that exists but cannot be read back: wrong key, tampering, or another program's file. */
export class SecretUnreadableError extends UserError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretUnreadableError';
  }
}

/**
 * What is encrypted: NUL, the secret's name, NUL, its value. The value goes in as it is, not
 * escaped into JSON, which for the saved slots (JSON themselves, up to megabytes) cost as much as
 * the encryption. Names never hold a NUL; values may.
 */
function seal(name: string, value: string): string {
  return `\u0000${name}\u0000${value}`;
}

function unseal(text: string): { name: unknown; value: unknown } {
  if (text.startsWith('\u0000')) {
    const end = text.indexOf('\u0000', 1);
    if (end > 0) return { name: text.slice(1, end), value: text.slice(end + 1) };
  }
  // Files written before the NUL framing hold {"n": name, "v": value}.
  const { n, v } = (JSON.parse(text) ?? {}) as { n?: unknown; v?: unknown };
  return { name: n, value: v };
}

/**
 * One encrypted file per secret in `dir`, so writing one secret can never damage another, and a
 * process killed mid-write leaves the old value or the new one (atomic replace). The secret's
 * name is sealed inside the ciphertext, so a file copied over another's name is refused.
 */
export class FileSecretStore implements SecretStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly cipher: SecretCipher,
  ) {}

  async get(name: string): Promise<string | undefined> {
    let data: Buffer;
    try {
      data = await readFile(this.fileOf(name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    if (!this.cipher.available()) throw new SecretsUnavailableError();
    let opened: { name: unknown; value: unknown };
    try {
      opened = unseal(await this.cipher.decrypt(data));
    } catch {
      throw new SecretUnreadableError(`The stored secret "${name}" cannot be decrypted (was the key or the keychain reset?); set it again.`);
    }
    if (opened.name !== name || typeof opened.value !== 'string') throw new SecretUnreadableError(`The stored secret "${name}" belongs to another name; set it again.`);
    return opened.value;
  }

  set(name: string, value: string): Promise<void> {
    if (!this.cipher.available()) return Promise.reject(new SecretsUnavailableError());
    if (name.includes('\u0000')) return Promise.reject(new Error('a secret name holds no NUL'));
    // Sealing starts at once (off the event loop); the writes still land in call order. Until its
    // turn comes, a failed seal is held here rather than reported as an unhandled rejection.
    const data = this.cipher.encrypt(seal(name, value));
    data.catch(() => undefined);
    return this.serially(async () => {
      const sealed = await data;
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.fileOf(name), sealed, 0o600);
    });
  }

  delete(name: string): Promise<void> {
    return this.serially(async () => {
      if (await removeFile(this.fileOf(name))) await syncDir(this.dir);
    });
  }

  /** Writes happen in call order, so an older value can never land after a newer one. */
  private serially(work: () => Promise<void>): Promise<void> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private fileOf(name: string): string {
    return join(this.dir, `${Buffer.from(name, 'utf8').toString('base64url')}.secret`);
  }
}
