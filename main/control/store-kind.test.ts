import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../secrets/secret-store';
import { checkStoreKind, closedStore, ForeignSecretsError, markingStore, STORE_MARKER, storeKindOf } from './store-kind';

/** A configuration directory holding one secret file and the given key files. */
function dirWith(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'roletray-kind-'));
  mkdirSync(join(dir, 'secrets'));
  writeFileSync(join(dir, 'secrets', 'dG9rZW4.secret'), 'sealed');
  for (const f of files) writeFileSync(join(dir, f), 'x');
  return dir;
}

describe('whose secrets a directory holds', () => {
  it('none while no secret is stored, whatever key files lie there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roletray-kind-'));
    writeFileSync(join(dir, 'secret.key'), 'x');
    expect(await storeKindOf(dir)).toBeUndefined();
    await expect(checkStoreKind(dir, 'app', 'app')).resolves.toBeUndefined();
  });

  it('the marker first, else the key files of a RoleTray from before the marker', async () => {
    expect(await storeKindOf(dirWith(['secret-key.sealed']))).toBe('app');
    expect(await storeKindOf(dirWith(['secret.key']))).toBe('key-file');
    expect(await storeKindOf(dirWith(['secret.key', 'secret-key.sealed']))).toBe('mixed');
    const marked = dirWith(['secret.key', 'secret-key.sealed']);
    writeFileSync(join(marked, STORE_MARKER), '{"kind":"app"}');
    expect(await storeKindOf(marked)).toBe('app');
  });

  it('refuses the other kind with the words for whoever asks', async () => {
    const app = dirWith(['secret-key.sealed']);
    const refused = checkStoreKind(app, 'key-file', 'cli');
    await expect(refused).rejects.toBeInstanceOf(ForeignSecretsError);
    await expect(refused).rejects.toThrow(`${app} holds the RoleTray app's secrets, sealed by the OS keychain, which only the app can open: start the RoleTray app and run this command again: it then goes through the app.`);
    const mixed = dirWith(['secret.key', 'secret-key.sealed']);
    await expect(checkStoreKind(mixed, 'app', 'app')).rejects.toThrow(/holds secrets of both the RoleTray app and the command line/);
  });

  it('marks the directory before the first secret is written, and a closed store reads nothing and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roletray-kind-'));
    const store = markingStore(new MemorySecretStore(), dir, 'key-file');
    expect(await store.get('token')).toBeUndefined();
    expect(() => readFileSync(join(dir, STORE_MARKER))).toThrow(/ENOENT/);
    await store.set('token', 'v');
    expect(JSON.parse(readFileSync(join(dir, STORE_MARKER), 'utf8'))).toEqual({ kind: 'key-file' });
    const closed = closedStore('those are the command line\'s');
    expect(await closed.get('token')).toBeUndefined();
    await expect(closed.set('token', 'v')).rejects.toThrow("those are the command line's");
  });
});
