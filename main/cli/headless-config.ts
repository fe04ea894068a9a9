import { join } from 'node:path';
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


export async function openHeadlessConfig(dir: string, now: () => number = Date.now): Promise<HeadlessConfig> {
  return {
    dir,
    secrets: await openHeadlessSecretStore(dir),
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
