import { homedir } from 'node:os';
import { join } from 'node:path';
import { resolveConfigDir } from '../config-dir';
import { persistSlots, restoreSlots, type SlotPersistence } from '../credentials/persistence';
import { openHeadlessSecretStore } from '../secrets/headless-secret-store';
import type { SecretStore } from '../secrets/secret-store';
import { JsonSettingsStore } from '../settings/json-settings-store';
import { ServerControl } from '../server/server-control';
import type { CredentialService } from '../server/service';
import type { Listening, TlsMaterial } from '../server/listener';
import { TlsService } from '../server/tls-service';
import { TokenService } from '../server/token-service';

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

/** `--config-dir`, else ROLETRAY_CONFIG_DIR, else the platform's config directory. */
export function configDirFor(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return resolveConfigDir({ flag, env, platform: process.platform, home: env.HOME || homedir() });
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

/** This run's command-line choices; they win over the saved configuration without changing it. */
export interface ServeOverrides {
  /** `--port` / ROLETRAY_PORT; else the port setting. */
  port?: number;
  /** `--token-file` / ROLETRAY_TOKEN: this run's token instead of the saved one. */
  token?: string;
  /** `--tls-cert` + `--tls-key`: this run's pair instead of the saved one. */
  tls?: TlsMaterial;
  /** `--disable-ssl`: http even with a certificate (false/absent leaves the tlsDisabled setting in charge). */
  disableTls?: boolean;
  /** `--generate-cert DIR`: generate and save a local CA + server certificate, and put the CA in DIR. */
  generateCertDir?: string;
}

export interface HeadlessServer {
  listening: Listening;
  control: ServerControl;
  tokens: TokenService;
  tls: TlsService;
  /** The CA file to show clients when serving the saved (or generated) pair over https. */
  caFile?: string;
  /** The token file setting, when auth is on with the saved token. */
  tokenFile?: string;
  /** What the person must be told (settings reset, expired certificate, container access off...). */
  notices: string[];
  /** Stops listening and writes the slots one last time. */
  stop(): Promise<void>;
}

/**
 * Starts `service` from the configuration directory: saved token, TLS pair and slots (minus
 * expired ones), then keeps slots saved as they change. Command-line overrides apply to this run only.
 */
export async function startFromConfig(
  service: CredentialService,
  config: HeadlessConfig,
  overrides: ServeOverrides = {},
  onError: (err: Error) => void = () => undefined,
): Promise<HeadlessServer> {
  const settings = config.settings.get();
  const notices = [...config.settings.notices];

  const tls = tlsServiceOf(config);
  if (overrides.generateCertDir) {
    await tls.generate();
    await tls.exportCertificate(join(overrides.generateCertDir, CA_FILE));
  }
  const saved = await tls.status();
  if (saved.problem && !overrides.tls) notices.push(`The saved TLS certificate is not used: ${saved.problem}. Serving http.`);
  const material = overrides.tls ?? (await tls.material());
  // Rewritten at each start so the file clients were told about is there and current.
  if (material && !overrides.tls) await tls.exportCertificate(config.caFile);

  const tokensForLoad = tokenServiceOf(config, service);
  if (overrides.token) service.token.set(overrides.token);
  else if ((await tokensForLoad.load()) && settings.tokenFile) await tokensForLoad.writeFile(settings.tokenFile);

  const { dropped } = await restoreSlots(service.slots, config.secrets);
  if (dropped) notices.push(`${dropped} saved slot${dropped === 1 ? ' has' : 's have'} expired since the last run and ${dropped === 1 ? 'was' : 'were'} dropped.`);
  const persistence: SlotPersistence = persistSlots(service.slots, config.secrets, { onError });

  const control = new ServerControl(service, {
    port: overrides.port ?? settings.port,
    tls: material,
    tlsDisabled: overrides.disableTls === true || settings.tlsDisabled,
    auth: service.token.enabled,
    container: settings.containerAccess,
  });
  let listening: Listening;
  try {
    listening = await control.start();
  } catch (err) {
    await persistence.stop();
    throw err;
  }
  const containerOff = control.plan().containerOff;
  if (containerOff) notices.push(containerOff);

  return {
    listening,
    control,
    tokens: tokenServiceOf(config, service, control),
    tls: tlsServiceOf(config, control),
    caFile: listening.https && !overrides.tls ? config.caFile : undefined,
    tokenFile: !overrides.token && service.token.enabled ? (settings.tokenFile ?? undefined) : undefined,
    notices,
    async stop() {
      await service.server.stop();
      await persistence.stop();
    },
  };
}
