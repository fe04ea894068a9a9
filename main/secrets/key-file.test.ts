import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateKey } from './key-file';

describe('loadOrCreateKey', () => {
  it('creates one 0600 key and returns the same key afterwards, even when raced', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roletray-key-'));
    const path = join(dir, 'sub', 'secret.key');
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateKey(path)));
    expect(keys[0]).toHaveLength(32);
    for (const key of keys) expect(key.equals(keys[0]!)).toBe(true);
    expect((await loadOrCreateKey(path)).equals(keys[0]!)).toBe(true);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged key file instead of replacing it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roletray-key-'));
    const path = join(dir, 'secret.key');
    await writeFile(path, 'short');
    await expect(loadOrCreateKey(path)).rejects.toThrow(/not a RoleTray key file/);
  });
});
