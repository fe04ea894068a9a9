import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../secrets/atomic-file';
import { migrate } from './migrate';
import { defaultSettings, type Settings } from './schema';
import { SettingsError, type SettingsStore } from './settings-store';
import { applyPatch, readSettings } from './validate';

/** `2026-11-25T16-49-06-123Z`: sortable, and valid in a file name on every platform. */
function stamp(now: number): string {
  return new Date(now).toISOString().replaceAll(':', '-').replace('.', '-');
}

/**
 * Settings as a JSON file, for `roletray` without Electron. A file that cannot be used as it is
 * (unparseable, a newer version, bad fields) is renamed aside with a timestamp, never deleted,
 * what can be kept is kept, defaults fill the rest, and `notices` says what happened.
 */
export class JsonSettingsStore implements SettingsStore {
  private readonly listeners = new Set<(settings: Readonly<Settings>) => void>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly path: string,
    private current: Settings,
    readonly notices: readonly string[],
  ) {}

  static async open(path: string, now: () => number = Date.now): Promise<JsonSettingsStore> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new JsonSettingsStore(path, defaultSettings(), []);
      throw err;
    }
    const { settings, problems, rewrite } = parse(text);
    if (!problems.length) {
      const store = new JsonSettingsStore(path, settings, []);
      if (rewrite) await store.save(settings);
      return store;
    }
    const aside = `${path}.broken-${stamp(now())}`;
    await rename(path, aside);
    const store = new JsonSettingsStore(path, settings, [
      `Your settings file had problems and was moved to ${aside}; ${problems.length === 1 ? 'this was' : 'these were'} reset to defaults: ${problems.join('; ')}`,
    ]);
    await store.save(settings);
    return store;
  }

  get(): Readonly<Settings> {
    return this.current;
  }

  async update(patch: Partial<Omit<Settings, 'version'>>): Promise<Readonly<Settings>> {
    const result = applyPatch(this.current, patch);
    if (!result.ok) throw new SettingsError(result.problems);
    await this.save(result.settings);
    this.current = result.settings;
    for (const listener of this.listeners) listener(result.settings);
    return result.settings;
  }

  subscribe(listener: (settings: Readonly<Settings>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private save(settings: Settings): Promise<void> {
    const run = this.queue.then(async () => {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.path, `${JSON.stringify(settings, null, 2)}\n`, 0o600);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
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
