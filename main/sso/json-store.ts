import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Non-secret data the SSO core keeps between runs (the role catalogue, recents, pins), by name.
 * Secrets never go here: they go through the SecretStore.
 */
export interface JsonStore {
  read(name: string): Promise<unknown>;
  write(name: string, value: unknown): Promise<void>;
}

export class MemoryJsonStore implements JsonStore {
  private readonly values = new Map<string, string>();

  async read(name: string): Promise<unknown> {
    const text = this.values.get(name);
    return text === undefined ? undefined : JSON.parse(text);
  }

  async write(name: string, value: unknown): Promise<void> {
    // Stored as text so a caller mutating its object later cannot change what was saved.
    this.values.set(name, JSON.stringify(value));
  }
}

const SAFE_NAME = /^[\w.-]{1,100}$/;

/** One `<name>.json` per entry in `dir`; written to a temp file and renamed, so a crash never leaves half a file. */
export class FileJsonStore implements JsonStore {
  constructor(private readonly dir: string) {}

  async read(name: string): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(this.path(name), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    try {
      return JSON.parse(text);
    } catch {
      return undefined; // a damaged cache is refetched, not fatal
    }
  }

  async write(name: string, value: unknown): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const path = this.path(name);
    const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
    // Account names and e-mail addresses are not secret, but they are nobody else's business.
    await writeFile(temp, JSON.stringify(value), { mode: 0o600 });
    await rename(temp, path);
  }

  private path(name: string): string {
    if (!SAFE_NAME.test(name)) throw new Error(`not a store entry name: ${name}`);
    return join(this.dir, `${name}.json`);
  }
}
