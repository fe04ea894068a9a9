import type { Settings } from '../../preload/api';
import { BearerToken } from '../server/bearer-token';
import type { SettingsStore } from '../settings/settings-store';
import { openHeadlessConfig, tokenServiceOf } from './headless-config';
import { CliError } from './io';
import { must, type Workplace } from './owner';

/** What `roletray auth` changes: the running owner's token (live), or the directory's saved one. */
export interface TokenPlace {
  config: { settings: Pick<SettingsStore, 'notices' | 'get'> & { update(patch: Partial<Omit<Settings, 'version'>>): Promise<unknown> } };
  tokens: {
    set(value: string): Promise<void>;
    generate(): Promise<unknown>;
    delete(): Promise<void>;
    reveal(): Promise<string | undefined>;
    writeFile(path: string): Promise<void>;
  };
  /** True when a running owner applies each change at once. */
  live: boolean;
}

/**
 * Where `roletray auth` works: through the owner's operations when the app or `serve` runs (the
 * server follows at once), else on the directory's secret store and settings. Without a workplace
 * (a test calling the command directly) the directory is used as it is.
 */
export async function tokenPlace(place: Workplace | undefined, configDir: string): Promise<TokenPlace> {
  const owner = place?.owner;
  if (!owner) {
    const config = await openHeadlessConfig(configDir);
    return { config, tokens: tokenServiceOf(config, { token: new BearerToken() }), live: false };
  }
  let settings = (await must(owner, 'getState')).settings;
  const refreshed = async () => void (settings = (await must(owner, 'getState')).settings);
  return {
    live: true,
    config: {
      settings: {
        notices: [],
        get: () => settings,
        async update(patch) {
          const { tokenFile, ...rest } = patch;
          if (tokenFile !== undefined) await must(owner, 'setTokenFile', tokenFile);
          if (Object.keys(rest).length > 0) await must(owner, 'updateSettings', rest);
          await refreshed();
        },
      },
    },
    tokens: {
      set: async (value) => void (await must(owner, 'setToken', value)),
      generate: () => must(owner, 'generateToken'),
      delete: () => must(owner, 'deleteToken'),
      async reveal() {
        const shown = await owner.call('revealToken');
        if (shown.ok) return shown.value;
        if ((await must(owner, 'getState')).server.auth) throw new CliError(shown.error);
        return undefined;
      },
      writeFile: (path) => must(owner, 'setTokenFile', path),
    },
  };
}
