import { join } from 'node:path';
import type { AppState, Notice, RoleView, SlotView, SsoView, TlsView } from '../../preload/api';
import { persistSlots, restoreSlots, type SlotPersistence } from '../credentials/persistence';
import { RefreshScheduler, type TimerFunctions } from '../credentials/refresh';
import type { RoleRef } from '../credentials/types';
import type { Log } from '../log';
import type { TlsMaterial } from '../server/listener';
import { ServerControl } from '../server/server-control';
import { createCredentialService, type CredentialService } from '../server/service';
import { TlsService } from '../tls/tls-service';
import { TokenService } from '../token/token-service';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsStore } from '../settings/settings-store';
import type { Catalogue } from '../sso/catalogue-fetch';
import type { DevicePrompt } from '../sso/device-login';
import { FileJsonStore, type JsonStore } from '../sso/json-store';
import { namingFromAwsConfig, readAwsConfig, type AwsConfigImport } from '../sso/aws-config-import';
import type { ProfileNaming } from '../../common/profile-names';
import { RoleHistory } from '../sso/role-history';
import { VERSION } from '../version';
import type { AppFacade } from './ipc-door';
import { createOperations } from './operations';
import { roleKeyOf } from '../../common/role-key';
import { roleView } from './role-view';
import type { SsoParts } from './sso-parts';
import type { SsoInstance } from '../../common/sso-instance';

export interface AppCoreDeps {
  /** Where the app keeps its non-secret files (catalogue cache, exported CA). */
  configDir: string;
  secrets: SecretStore;
  /** False when the OS offers no encryption: the secret store then refuses every write. */
  secretsAvailable: boolean;
  settings: SettingsStore;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  timers?: TimerFunctions;
  /** SSO endpoint override for tests; normally the SDK resolves it (and honours AWS_ENDPOINT_URL_SSO*). */
  ssoEndpoint?: string;
  /** Listen on this port instead of the setting (headless --port, tests' 0). */
  port?: number;
  /** This run's command-line choices (headless serve); they win over the saved ones without changing them. */
  overrides?: {
    token?: string;
    /** The certificate pair from --tls-cert/--tls-key files. */
    tls?: TlsMaterial;
    disableTls?: boolean;
    /** An extra listen address for containers (in effect only with TLS and a token). */
    containerAddress?: string;
  };
  /** The AWS config file whose SSO profile names the roles keep (the composition root passes ~/.aws/config). */
  awsConfigFile?: string;
  /** Called with each device sign-in prompt (the app opens the browser; the CLI prints it). */
  onSignInPrompt?: (prompt: DevicePrompt) => void;
  openExternal: (url: string) => Promise<void>;
  /** Federation endpoint override for console sign-in (ROLETRAY_FEDERATION_URL; tests use a stand-in). */
  federationUrl?: string;
  jsonStore?: JsonStore;
  /**
   * The `roletray` command the printed lines call: the installed app passes the absolute path of
   * the command-line executable it ships; omitted, `roletray` from the PATH.
   */
  cliCommand?: string;
  log: Log;
}

export interface AppCore extends AppFacade {
  readonly service: CredentialService;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** After sleep or a screen unlock: timers did not count the time asleep, so refresh what is due now. */
  wake(): void;
  /** Tells the person something in the window's notices (and the log, for errors): the shell's alerts and failures. */
  notice(level: Notice['level'], message: string): void;
}

/** Live pieces the operations work on; built once by `createAppCore`. */
export interface CoreParts {
  deps: AppCoreDeps;
  now: () => number;
  service: CredentialService;
  control: ServerControl;
  tokens: TokenService;
  tls: TlsService;
  /** IAM Identity Center, loaded on first use. */
  sso(): Promise<SsoParts>;
  history: () => RoleHistory;
  refresh: RefreshScheduler;
  caFile: string;
  /** Mutable view state the snapshot is built from. */
  view: CoreView;
  changed(): void;
  notify(level: Notice['level'], message: string): void;
  instanceOf(startUrl: string): SsoInstance | undefined;
  /** How roles of an instance are named: AWS config profile names first, then the format setting. */
  naming(startUrl: string): ProfileNaming;
  catalogues(): Catalogue[];
  refreshTlsView(): Promise<void>;
  refreshSsoStatus(startUrl?: string): Promise<void>;
}

export interface CoreView {
  tls: TlsView;
  sso: Map<string, { signedIn: boolean; sessionExpiresAt?: number; signIn?: DevicePrompt; error?: string }>;
  catalogues: Map<string, Catalogue>;
  notices: Notice[];
  signIns: Map<string, AbortController>;
}

const realTimers: TimerFunctions = {
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * The application core, without Electron: the credential service, token, TLS, IAM Identity
 * Center sessions and catalogue, refresh, persistence and settings, wired once. The tray, the
 * window (through the preload or the dev bridge), `roletray serve` and the tests all use this one
 * object: a read-only snapshot plus the operations of preload/api.ts.
 */
export function createAppCore(deps: AppCoreDeps): AppCore {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const timers = deps.timers ?? realTimers;
  const settings = deps.settings;
  const service = createCredentialService({ now, log: deps.log });
  const caFile = join(deps.configDir, 'roletray-ca.pem');
  // Shared with the SSO commands of the CLI: the catalogue cache and role history.
  const jsonStore = deps.jsonStore ?? new FileJsonStore(join(deps.configDir, 'sso'));
  let ssoLoading: Promise<SsoParts> | undefined;
  const sso = () =>
    (ssoLoading ??= import('./sso-parts').then((m) =>
      m.createSsoParts({ secrets: deps.secrets, store: jsonStore, now, sleep, ...(deps.ssoEndpoint ? { endpoint: deps.ssoEndpoint } : {}) }),
    ));
  const refresh = new RefreshScheduler({
    store: service.slots,
    fetch: async (role) => (await sso()).fetchRole(role),
    now,
    ...timers,
  });
  service.refreshOnRead(refresh);

  const listeners = new Set<(state: AppState) => void>();
  let snapshot: AppState | undefined;
  let emitQueued = false;
  let history: RoleHistory | undefined;
  let persistence: SlotPersistence | undefined;
  let noticeSeq = 0;
  let awsConfig: AwsConfigImport = { instances: [], profiles: [], problems: [] };
  const unsubscribers: (() => void)[] = [];

  const view: CoreView = {
    tls: { saved: false, disabled: settings.get().tlsDisabled, warnings: [] },
    sso: new Map(),
    catalogues: new Map(),
    notices: [],
    signIns: new Map(),
  };

  const changed = () => {
    snapshot = undefined;
    if (emitQueued) return;
    emitQueued = true;
    // Many changes in one tick (a restart, a refresh burst) become one snapshot.
    queueMicrotask(() => {
      emitQueued = false;
      const state = core.state();
      for (const listener of listeners) listener(state);
    });
  };

  const control = new ServerControl(service, {
    port: deps.port ?? settings.get().port,
    tls: undefined,
    tlsDisabled: settings.get().tlsDisabled,
    auth: false,
    container: settings.get().containerAccess,
  });
  const tokens = new TokenService({
    secrets: deps.secrets,
    token: service.token,
    setAuth: (on) => control.update({ auth: on }),
    tokenFile: () => settings.get().tokenFile,
  });
  const tls = new TlsService({ secrets: deps.secrets, now, caFile, onChange: (material) => control.update({ tls: material }) });

  const parts: CoreParts = {
    deps,
    now,
    service,
    control,
    tokens,
    tls,
    sso,
    history: () => {
      if (!history) throw new Error('the core has not started');
      return history;
    },
    refresh,
    caFile,
    view,
    changed,
    notify(level, message) {
      view.notices = [...view.notices.filter((n) => n.message !== message), { id: `n${++noticeSeq}`, level, message, at: now() }];
      if (level === 'error') deps.log.error(message);
      changed();
    },
    instanceOf: (startUrl) => settings.get().ssoInstances.find((i) => i.startUrl === startUrl),
    naming: (startUrl) => namingFromAwsConfig(startUrl, awsConfig, settings.get().profileNameFormat),
    catalogues: () => [...view.catalogues.values()],
    async refreshTlsView() {
      const status = await tls.status();
      view.tls = {
        saved: status.saved,
        disabled: settings.get().tlsDisabled,
        ...(status.info ? { info: status.info } : {}),
        warnings: status.problem ? [status.problem] : [],
      };
      changed();
    },
    async refreshSsoStatus(startUrl) {
      const instances = settings.get().ssoInstances.filter((i) => startUrl === undefined || i.startUrl === startUrl);
      if (instances.length === 0) return changed();
      const { sessions, catalogue } = await sso();
      for (const instance of instances) {
        const status = await sessions.status(instance.startUrl).catch(() => ({ signedIn: false, expiresAt: undefined }));
        const previous = view.sso.get(instance.startUrl);
        view.sso.set(instance.startUrl, { ...previous, signedIn: status.signedIn, sessionExpiresAt: status.expiresAt });
        const cached = await catalogue.cached(instance.startUrl).catch(() => undefined);
        if (cached) view.catalogues.set(instance.startUrl, cached);
      }
      changed();
    },
  };
  const ops = { ...createOperations(parts), getState: async () => ({ ok: true as const, value: core.state() }) };

  function slotViews(): SlotView[] {
    return service.slots.all().map((s) => ({
      name: s.name,
      profileName: s.profileName,
      accountId: s.credentials.accountId,
      roleName: s.credentials.roleName,
      expiresAt: s.credentials.expiration,
      source: s.source,
      refresh: refresh.state(s.name) ?? 'ok',
      ...(s.role ? { roleKey: roleKeyOf(s.role) } : {}),
    }));
  }

  function ssoViews(): SsoView[] {
    return settings.get().ssoInstances.map((instance) => {
      const status = view.sso.get(instance.startUrl);
      const cat = view.catalogues.get(instance.startUrl);
      return {
        startUrl: instance.startUrl,
        region: instance.region,
        signedIn: status?.signedIn ?? false,
        ...(status?.sessionExpiresAt !== undefined ? { sessionExpiresAt: status.sessionExpiresAt } : {}),
        ...(cat ? { catalogFetchedAt: cat.fetchedAt } : {}),
        roleCount: cat?.roles.length ?? 0,
        ...(status?.signIn
          ? { signIn: { userCode: status.signIn.userCode, verificationUri: status.signIn.verificationUriComplete, expiresAt: status.signIn.expiresAt } }
          : {}),
        ...(status?.error ? { error: status.error } : {}),
      };
    });
  }

  function historyViews(list: readonly RoleRef[]): RoleView[] {
    return list.map((ref) => {
      const known = view.catalogues.get(ref.startUrl)?.roles.find((r) => r.accountId === ref.accountId && r.roleName === ref.roleName);
      return roleView(ref.startUrl, known ?? { accountId: ref.accountId, accountName: '', roleName: ref.roleName }, parts.naming(ref.startUrl));
    });
  }

  const core: AppCore = {
    service,
    ops,
    state() {
      snapshot ??= {
        version: VERSION,
        server: {
          ...service.server.status(),
          tokenFile: settings.get().tokenFile,
          ...(service.server.status().https && !deps.overrides?.tls ? { caFile } : {}),
        },
        tls: view.tls,
        slots: slotViews(),
        sso: ssoViews(),
        recents: history ? historyViews(history.recents()) : [],
        pinned: history ? historyViews(history.pinned()) : [],
        settings: settings.get(),
        notices: view.notices,
        secretsAvailable: deps.secretsAvailable,
      };
      return snapshot;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async start() {
      for (const message of settings.notices) parts.notify('warning', message);
      if (!deps.secretsAvailable) {
        parts.notify('error', 'This system offers no encryption for secrets, so RoleTray stores none: the token, certificate and loaded roles are kept in memory only.');
      }
      history = await RoleHistory.open(jsonStore);
      if (deps.awsConfigFile) {
        awsConfig = await readAwsConfig(deps.awsConfigFile).catch((err: Error) => {
          parts.notify('warning', `${deps.awsConfigFile} could not be read for profile names: ${err.message}`);
          return awsConfig;
        });
      }
      const restored = await restoreSlots(service.slots, deps.secrets).catch((err: Error) => {
        parts.notify('warning', `Loaded roles could not be restored: ${err.message}`);
        return { restored: 0, dropped: 0 };
      });
      if (restored.dropped > 0) {
        const n = restored.dropped;
        parts.notify('info', `${n} saved slot${n === 1 ? ' has' : 's have'} expired since the last run and ${n === 1 ? 'was' : 'were'} dropped.`);
      }
      persistence = persistSlots(service.slots, deps.secrets, {
        onError: (err) => parts.notify('error', `Loaded roles could not be saved: ${err.message}`),
      });

      const overrides = deps.overrides ?? {};
      if (overrides.token) service.token.set(overrides.token);
      else {
        const hasToken = await tokens.load().catch((err: Error) => {
          parts.notify('error', `The bearer token could not be read: ${err.message}`);
          return false;
        });
        // Rewritten at each start, so the file clients were told about is there and current.
        const tokenFile = settings.get().tokenFile;
        if (hasToken && tokenFile) await tokens.writeFile(tokenFile).catch((err: Error) => parts.notify('error', `The token file could not be written: ${err.message}`));
      }

      const saved = await tls.status().catch(() => undefined);
      if (saved?.problem && !overrides.tls) parts.notify('warning', `The saved TLS certificate is not used: ${saved.problem}. Serving http.`);
      const material = overrides.tls ?? (await tls.material().catch(() => undefined));
      if (material && !overrides.tls) await tls.exportCertificate(caFile).catch(() => undefined);
      await parts.refreshTlsView().catch(() => undefined);
      control.configure({
        tls: material,
        auth: service.token.enabled,
        tlsDisabled: overrides.disableTls === true || settings.get().tlsDisabled,
        ...(overrides.containerAddress ? { container: { enabled: true, address: overrides.containerAddress } } : {}),
      });
      await control.start().catch((err: Error) => deps.log.error('server did not start', { reason: err.message }));
      const containerOff = control.plan().containerOff;
      if (containerOff) parts.notify('warning', containerOff);

      unsubscribers.push(
        service.slots.subscribe(changed),
        service.server.subscribe(changed),
        settings.subscribe(changed),
        refresh.subscribe((event) => {
          if (event.kind === 'sign-in-required') {
            const entry = view.sso.get(event.startUrl);
            view.sso.set(event.startUrl, { ...entry, signedIn: false });
            parts.notify('warning', `Sign in to ${event.startUrl} again: ${event.reason}. Loaded roles stay until they expire.`);
          }
          changed();
        }),
      );
      refresh.start();
      await parts.refreshSsoStatus();
      changed();
    },

    wake() {
      refresh.replan();
      changed();
    },

    notice: (level, message) => parts.notify(level, message),

    async stop() {
      for (const controller of view.signIns.values()) controller.abort();
      refresh.stop();
      for (const off of unsubscribers.splice(0)) off();
      await persistence?.stop();
      await service.server.stop();
    },
  };
  return core;
}
