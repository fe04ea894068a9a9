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
    let sealed: unknown;
    try {
      sealed = JSON.parse(this.cipher.decrypt(data));
    } catch {
      throw new SecretUnreadableError(`The stored secret "${name}" cannot be decrypted (was the key or the keychain reset?); set it again.`);
    }
    const { n, v } = (sealed ?? {}) as { n?: unknown; v?: unknown };
    if (n !== name || typeof v !== 'string') throw new SecretUnreadableError(`The stored secret "${name}" belongs to another name; set it again.`);
    return v;
  }

  set(name: string, value: string): Promise<void> {
    if (!this.cipher.available()) return Promise.reject(new SecretsUnavailableError());
    const data = this.cipher.encrypt(JSON.stringify({ n: name, v: value }));
    return this.serially(async () => {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.fileOf(name), data, 0o600);
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
