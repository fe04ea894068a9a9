// main/settings: the settings schema, its defaults, validation, migration and the headless JSON
// store. It may import common/ and server/ (types); the app's electron-store writer is in main/electron/.
import type { Settings } from './schema';
import { UserError } from '../../common/user-error';

/** A change was refused; `problems` has one line per bad field. */
export class SettingsError extends UserError {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'SettingsError';
  }
}

/**
 * What core code sees of settings. Headless use has the JSON file store; the app backs the
 * same interface with electron-store. `update` validates all of a change before saving any of it.
 */
export interface SettingsStore {
  get(): Readonly<Settings>;
  update(patch: Partial<Omit<Settings, 'version'>>): Promise<Readonly<Settings>>;
  subscribe(listener: (settings: Readonly<Settings>) => void): () => void;
  /** Things the person must be told about loading (a broken file moved aside, a field reset). */
  readonly notices: readonly string[];
}
