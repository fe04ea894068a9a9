import { join } from 'node:path';
import { checkStoreKind, markingStore } from '../control/store-kind';
import { openHeadlessSecretStore } from '../secrets/headless-secret-store';
import type { SecretStore } from '../secrets/secret-store';
import { JsonSettingsStore } from '../settings/json-settings-store';
import { ServerControl } from '../server/server-control';
import type { CredentialService } from '../server/service';
import { TlsService } from '../tls/tls-service';
import { TokenService } from '../token/token-service';

export const SETTINGS_FILE = 'settings.json';
/** What https clients trust, kept current by the TLS service. */
export const CA_FILE = 'roletray-ca.pem';

/** The file-backed configuration directory the CLI works on. */
export interface HeadlessConfig {
  dir: string;
  secrets: SecretStore;
  settings: JsonSettingsStore;
  caFile: string;
  now: () => number;
}


/**
 * The key-file secret store of `dir`, for `serve` and the command line: refused, with what to run
 * instead, when the directory's secrets are the desktop app's; the directory is marked as the
 * command line's before its first secret is written.
 */
export async function openHeadlessSecrets(dir: string, asking: 'serve' | 'cli' = 'cli'): Promise<SecretStore> {
  await checkStoreKind(dir, 'key-file', asking);
  return markingStore(await openHeadlessSecretStore(dir), dir, 'key-file');
}

export async function openHeadlessConfig(dir: string, now: () => number = Date.now, asking: 'serve' | 'cli' = 'cli'): Promise<HeadlessConfig> {
  return {
    dir,
    secrets: await openHeadlessSecrets(dir, asking),
    settings: await JsonSettingsStore.open(join(dir, SETTINGS_FILE), now),
    caFile: join(dir, CA_FILE),
    now,
  };
}

export function tokenServiceOf(config: HeadlessConfig, service: Pick<CredentialService, 'token'>, control?: ServerControl): TokenService {
  return new TokenService({
    secrets: config.secrets,
    token: service.token,
    tokenFile: () => config.settings.get().tokenFile,
    setAuth: control ? (on) => control.update({ auth: on }) : undefined,
  });
}

export function tlsServiceOf(config: HeadlessConfig, control?: ServerControl): TlsService {
  return new TlsService({
    secrets: config.secrets,
    now: config.now,
    caFile: config.caFile,
    onChange: control ? (tls) => control.update({ tls }) : undefined,
  });
}
