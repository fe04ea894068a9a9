import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { JsonSettingsStore } from './json-settings-store';
import { defaultSettings } from './schema';
import { SettingsError } from './settings-store';

let dir: string;
let path: string;
const NOW = Date.parse('2026-11-25T10:00:00.000Z');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roletray-settings-'));
  path = join(dir, 'settings.json');
});

describe('JsonSettingsStore', () => {
  it('starts from defaults without a file and saves changes for the next start', async () => {
    const store = await JsonSettingsStore.open(path);
    expect(store.get()).toEqual(defaultSettings());
    expect(store.notices).toEqual([]);
    const seen: number[] = [];
    store.subscribe((s) => seen.push(s.port));
    await store.update({ port: 5001, theme: 'light' });
    expect(seen).toEqual([5001]);
    const again = await JsonSettingsStore.open(path);
    expect(again.get()).toMatchObject({ port: 5001, theme: 'light', version: 3 });
  });

  it('refuses a bad change, keeping the saved settings', async () => {
    const store = await JsonSettingsStore.open(path);
    await expect(store.update({ port: -1 })).rejects.toBeInstanceOf(SettingsError);
    expect(store.get().port).toBe(4144);
    expect((await JsonSettingsStore.open(path)).get().port).toBe(4144);
  });

  it('moves a hand-broken file aside, loads defaults and tells the user', async () => {
    await writeFile(path, '{"port": 5000,, "theme": "dark"');
    const store = await JsonSettingsStore.open(path, () => NOW);
    expect(store.get()).toEqual(defaultSettings());
    expect(store.notices).toHaveLength(1);
    expect(store.notices[0]).toMatch(/moved to .*settings\.json\.broken-2026-11-25T10-00-00-000Z.*not valid JSON/);
    expect(await readFile(join(dir, 'settings.json.broken-2026-11-25T10-00-00-000Z'), 'utf8')).toBe('{"port": 5000,, "theme": "dark"');
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(defaultSettings());
  });

  it('keeps the good fields of a file with a bad one, and keeps the original aside', async () => {
    await writeFile(path, JSON.stringify({ version: 1, port: 'four', theme: 'dark' }));
    const store = await JsonSettingsStore.open(path, () => NOW);
    expect(store.get()).toMatchObject({ port: 4144, theme: 'dark' });
    expect(store.notices[0]).toMatch(/port: must be a whole number/);
    expect((await readdir(dir)).sort()).toEqual(['settings.json', 'settings.json.broken-2026-11-25T10-00-00-000Z']);
  });

  it('migrates an unversioned file using the old CLI names, without a notice', async () => {
    await writeFile(path, JSON.stringify({ disableSsl: true, bearerTokenFile: '/t/token', port: 4200 }));
    const store = await JsonSettingsStore.open(path);
    expect(store.notices).toEqual([]);
    expect(store.get()).toMatchObject({ version: 3, tlsDisabled: true, tokenFile: '/t/token', port: 4200, auth: 'token' });
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ version: 3, tlsDisabled: true });
  });

  it('turns the token on for a version 1 file (it had no way to choose none), keeping the rest', async () => {
    await writeFile(path, JSON.stringify({ version: 1, port: 4200, tokenFile: null }));
    const store = await JsonSettingsStore.open(path);
    expect(store.notices).toEqual([]);
    expect(store.get()).toMatchObject({ version: 3, port: 4200, tokenFile: null, auth: 'token' });
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ version: 3, auth: 'token' });
    await store.update({ auth: 'none' });
    expect((await JsonSettingsStore.open(path)).get().auth).toBe('none');
  });

  it('gives a version 2 file no chains and no IAM users, keeping the rest', async () => {
    await writeFile(path, JSON.stringify({ version: 2, port: 4200, auth: 'none' }));
    const store = await JsonSettingsStore.open(path);
    expect(store.notices).toEqual([]);
    expect(store.get()).toMatchObject({ version: 3, port: 4200, auth: 'none', chains: [], iamUsers: [] });
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ version: 3, chains: [], iamUsers: [] });
  });

  it('does not overwrite settings from a newer version silently', async () => {
    await writeFile(path, JSON.stringify({ version: 99, port: 4200 }));
    const store = await JsonSettingsStore.open(path, () => NOW);
    expect(store.notices[0]).toMatch(/newer RoleTray/);
    expect(await readFile(join(dir, 'settings.json.broken-2026-11-25T10-00-00-000Z'), 'utf8')).toContain('"version":99');
  });
});
