import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppState } from '../preload/api';
import { createAppCore } from '../main/app/app-core';
import { openHeadlessConfig } from '../main/cli/headless-config';
import { jsonLog } from '../main/log';
import { MemorySecretStore, type SecretStore } from '../main/secrets/secret-store';
import { JsonSettingsStore } from '../main/settings/json-settings-store';
import { startSsoStandin, type SsoStandin, type StandinOptions } from './sso-standin';
import type { AppCore, AppCoreDeps } from '../main/app/core-types';

export interface Harness {
  core: AppCore;
  standin: SsoStandin;
  configDir: string;
  secrets: SecretStore;
  /** Resolves with the first state that satisfies `test` (checking the current one first). */
  until(test: (s: AppState) => boolean, timeoutMs?: number): Promise<AppState>;
  close(): Promise<void>;
}

const quietLog = jsonLog(() => undefined);

/** The real app core on a free port, against an IAM Identity Center stand-in, in a temp config dir. */
export async function startCore(
  options: {
    standin?: StandinOptions;
    configDir?: string;
    secrets?: SecretStore;
    standinInstance?: SsoStandin;
    awsConfigFile?: string;
    federationUrl?: string;
    opened?: string[];
    /** The STS stand-in's URL: every STS call of the core goes there (loopback only). */
    stsEndpoint?: string;
    /** Where every IAM call of the core goes: the STS stand-in's URL, which answers IAM's access-key actions too. */
    iamEndpoint?: string;
    now?: () => number;
    timers?: AppCoreDeps['timers'];
  } = {},
): Promise<Harness> {
  const standin = options.standinInstance ?? (await startSsoStandin({ interval: 1, ...options.standin }));
  const configDir = options.configDir ?? mkdtempSync(join(tmpdir(), 'roletray-core-'));
  const secrets = options.secrets ?? new MemorySecretStore();
  const settings = await JsonSettingsStore.open(join(configDir, 'settings.json'));
  const core = createAppCore({
    configDir,
    secrets,
    secretsAvailable: true,
    settings,
    port: 0,
    ssoEndpoint: standin.url,
    ...(options.awsConfigFile ? { awsConfigFile: options.awsConfigFile } : {}),
    // The device flow's polling interval is in seconds; tests need not wait that long.
    sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))),
    openExternal: async (url) => void options.opened?.push(url),
    ...(options.federationUrl ? { federationUrl: options.federationUrl } : {}),
    ...(options.stsEndpoint ? { stsEndpoint: options.stsEndpoint } : {}),
    ...(options.iamEndpoint ? { iamEndpoint: options.iamEndpoint } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
    log: quietLog,
  });
  await core.start();
  const until = (test: (s: AppState) => boolean, timeoutMs = 15_000) =>
    new Promise<AppState>((resolve, reject) => {
      if (test(core.state())) return resolve(core.state());
      const timer = setTimeout(() => {
        off();
        reject(new Error(`state never matched; last: ${JSON.stringify({ sso: core.state().sso, server: core.state().server })}`));
      }, timeoutMs);
      const off = core.subscribe((s) => {
        if (!test(s)) return;
        clearTimeout(timer);
        off();
        resolve(s);
      });
    });
  return {
    core,
    standin,
    configDir,
    secrets,
    until,
    close: async () => {
      await core.stop();
      if (!options.standinInstance) await standin.close();
    },
  };
}

/** The core as `roletray serve` builds it from a configuration directory (its encrypted secrets and settings file), on a free port. */
export async function startHeadlessCore(configDir: string, extra: Partial<AppCoreDeps> = {}): Promise<AppCore> {
  const config = await openHeadlessConfig(configDir, extra.now);
  const core = createAppCore({
    configDir,
    secrets: config.secrets,
    secretsAvailable: true,
    settings: config.settings,
    port: 0,
    openExternal: async () => undefined,
    log: quietLog,
    ...extra,
  });
  await core.start();
  return core;
}
