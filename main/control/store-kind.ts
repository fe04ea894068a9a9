import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../common/user-error';
import { writeFileAtomic } from '../secrets/atomic-file';
import { KEY_FILE, SECRETS_DIR } from '../secrets/headless-secret-store';
import type { SecretStore } from '../secrets/secret-store';

/**
 * Who can open the secrets of a configuration directory: the desktop app (a key sealed by the OS
 * keychain through Electron, which nothing else can unseal) or the command line and `roletray
 * serve` (the key file). One directory holds one kind: the other must not read them as garbage,
 * nor write its own beside them.
 */
export type StoreKind = 'app' | 'key-file';

/** Written before the first secret, so a directory says whose its secrets are. */
export const STORE_MARKER = 'secret-store.json';
/** The app's keychain-sealed key (main/electron/secrets.ts). */
export const SEALED_KEY_FILE = 'secret-key.sealed';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Whose secrets `dir` holds: a kind, `mixed` (both kinds wrote, before this marker existed), or undefined when it holds none. */
export async function storeKindOf(dir: string): Promise<StoreKind | 'mixed' | undefined> {
  const files = await readdir(join(dir, SECRETS_DIR)).catch(() => [] as string[]);
  if (!files.some((f) => f.endsWith('.secret'))) return undefined;
  const marker = await readFile(join(dir, STORE_MARKER), 'utf8').then(
    (text) => (JSON.parse(text) as { kind?: unknown }).kind,
    () => undefined,
  );
  if (marker === 'app' || marker === 'key-file') return marker;
  // Written by a RoleTray from before the marker: the key files tell.
  const sealed = await exists(join(dir, SEALED_KEY_FILE));
  const keyFile = await exists(join(dir, KEY_FILE));
  if (sealed && keyFile) return 'mixed';
  return sealed ? 'app' : keyFile ? 'key-file' : 'mixed';
}

/** The directory's secrets belong to the other kind; the message says what to run instead. */
export class ForeignSecretsError extends UserError {
  constructor(
    readonly dir: string,
    readonly found: StoreKind | 'mixed',
    message: string,
  ) {
    super(message);
    this.name = 'ForeignSecretsError';
  }
}

/** What a person is told when `wanted` meets a directory of `found`, by who is asking. */
export function foreignSecretsMessage(dir: string, found: StoreKind | 'mixed', asking: 'app' | 'serve' | 'cli'): string {
  if (found === 'mixed') {
    return `${dir} holds secrets of both the RoleTray app and the command line (saved before RoleTray kept one kind per directory), so neither can trust them. Move ${join(dir, SECRETS_DIR)}, ${join(dir, KEY_FILE)} and ${join(dir, SEALED_KEY_FILE)} elsewhere, then sign in again.`;
  }
  if (asking === 'app') {
    return `${dir} holds the secrets of \`roletray serve\` and the command line (kept with the key file ${join(dir, KEY_FILE)}), which the app leaves alone, so it stores no secrets this time. To use them, quit RoleTray and run \`roletray serve\`; to let the app keep its own here, quit it, move ${join(dir, SECRETS_DIR)} and ${join(dir, KEY_FILE)} elsewhere, and start it again.`;
  }
  const run = asking === 'serve' ? 'start the RoleTray app instead, or serve another directory (--config-dir D)' : 'start the RoleTray app and run this command again: it then goes through the app';
  return `${dir} holds the RoleTray app's secrets, sealed by the OS keychain, which only the app can open: ${run}.`;
}

/** Refuses a directory whose secrets belong to another kind than `kind`. */
export async function checkStoreKind(dir: string, kind: StoreKind, asking: 'app' | 'serve' | 'cli'): Promise<void> {
  const found = await storeKindOf(dir);
  if (found !== undefined && found !== kind) throw new ForeignSecretsError(dir, found, foreignSecretsMessage(dir, found, asking));
}

/** `store`, which marks `dir` as `kind` before its first write. */
export function markingStore(store: SecretStore, dir: string, kind: StoreKind): SecretStore {
  let marked = false;
  return {
    get: (name) => store.get(name),
    delete: (name) => store.delete(name),
    async set(name, value) {
      if (!marked) {
        await writeFileAtomic(join(dir, STORE_MARKER), `${JSON.stringify({ kind })}\n`, 0o600);
        marked = true;
      }
      await store.set(name, value);
    },
  };
}

/** A store for a directory whose secrets are another kind's: it reads none of them and writes none, saying why. */
export function closedStore(problem: string): SecretStore {
  return {
    get: async () => undefined,
    delete: async () => undefined,
    set: async () => {
      throw new UserError(problem);
    },
  };
}
