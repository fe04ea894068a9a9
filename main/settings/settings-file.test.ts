import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from './schema';
import { readSettingsFile } from './settings-file';

const NOW = Date.parse('2026-11-25T10:00:00.000Z');

describe('readSettingsFile', () => {
  it('moves a broken file aside but writes nothing itself: the runtime that owns the file does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roletray-settings-file-'));
    await writeFile(join(dir, 'settings.json'), '{"port": 5000,,');
    const file = await readSettingsFile(join(dir, 'settings.json'), () => NOW);
    expect(file).toMatchObject({ settings: defaultSettings(), rewrite: true });
    expect(file.notices[0]).toMatch(/moved to .*settings\.json\.broken-2026-11-25T10-00-00-000Z/);
    expect(await readdir(dir)).toEqual(['settings.json.broken-2026-11-25T10-00-00-000Z']);
  });

  it('reads a good file as it is, and a missing one as the defaults, with nothing to rewrite', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roletray-settings-file-'));
    expect(await readSettingsFile(join(dir, 'settings.json'))).toEqual({ settings: defaultSettings(), notices: [], rewrite: false });
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ ...defaultSettings(), port: 4200 }));
    expect(await readSettingsFile(join(dir, 'settings.json'))).toMatchObject({ settings: { port: 4200 }, notices: [], rewrite: false });
  });
});
