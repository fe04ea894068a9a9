import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../secrets/atomic-file';
import type { Settings } from './schema';
import { readSettingsFile } from './settings-file';
import { SettingsError, type SettingsStore } from './settings-store';
import { applyPatch } from './validate';

/**
 * Settings as a JSON file, for `roletray` without Electron: read (and a broken file moved aside)
 * by `readSettingsFile`, written here; `notices` says what happened on opening.
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
    const file = await readSettingsFile(path, now);
    const store = new JsonSettingsStore(path, file.settings, file.notices);
    if (file.rewrite) await store.save(file.settings);
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
