import { readFile, rename } from 'node:fs/promises';
import { migrate } from './migrate';
import { defaultSettings, type Settings } from './schema';
import { readSettings } from './validate';

export interface SettingsFile {
  settings: Settings;
  /** What the person must be told (a broken file moved aside). */
  notices: string[];
  /** The file must be written again: it was migrated from an older version, or moved aside. */
  rewrite: boolean;
}

/** `2026-11-25T16-49-06-123Z`: sortable, and valid in a file name on every platform. */
function stamp(now: number): string {
  return new Date(now).toISOString().replaceAll(':', '-').replace('.', '-');
}

/**
 * Reads a settings file with the one set of rules both runtimes use. A file that cannot be used
 * as it is (unparseable, a newer version, bad fields) is renamed aside with a timestamp, never
 * deleted; what can be kept is kept and defaults fill the rest. Writing is the caller's: the
 * JSON store headless, electron-store in the app.
 */
export async function readSettingsFile(path: string, now: () => number = Date.now): Promise<SettingsFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { settings: defaultSettings(), notices: [], rewrite: false };
    throw err;
  }
  const { settings, problems, rewrite } = parse(text);
  if (!problems.length) return { settings, notices: [], rewrite };
  const aside = `${path}.broken-${stamp(now())}`;
  await rename(path, aside);
  const notice = `Your settings file had problems and was moved to ${aside}; ${problems.length === 1 ? 'this was' : 'these were'} reset to defaults: ${problems.join('; ')}`;
  return { settings, notices: [notice], rewrite: true };
}

function parse(text: string): { settings: Settings; problems: string[]; rewrite: boolean } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { settings: defaultSettings(), problems: [`not valid JSON (${(err as Error).message})`], rewrite: true };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { settings: defaultSettings(), problems: ['not a JSON object'], rewrite: true };
  }
  const migration = migrate(data as Record<string, unknown>);
  if (!migration.ok) return { settings: defaultSettings(), problems: [migration.problem], rewrite: true };
  const { settings, problems } = readSettings(migration.data);
  return { settings, problems, rewrite: migration.from !== settings.version };
}
