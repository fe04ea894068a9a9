// main/app: the application core without Electron. It wires the credential service, token, TLS,
// IAM Identity Center, refresh, persistence and settings, and answers the operations of preload/api.ts.
// It may import every folder of main/ except electron/ and cli/, and common/; nothing imports it but the doors.
import { join } from 'node:path';
import type { AppState } from '../../preload/api';
import { ok } from '../../common/result';
import { persistSlots, restoreSlots, type SlotPersistence } from '../credentials/persistence';
import { RefreshScheduler, type TimerFunctions } from '../credentials/refresh';
import { SwitchFollow } from '../credentials/served-expiry';
import { ServerControl } from '../server/server-control';
import { createCredentialService } from '../server/service';
import { TlsService } from '../tls/tls-service';
import { DEFAULT_TOKEN_FILE, NO_TOKEN_WARNING, TokenService } from '../token/token-service';
import { namingFromAwsConfig, readAwsConfig, type AwsConfigImport } from '../sso/aws-config-import';
import { FileJsonStore } from '../sso/json-store';
import type { RoleRef } from '../credentials/types';
import { MFA_WAIT_MS } from '../sts/mfa-prompts';
import { RoleHistory } from '../sso/role-history';
import { VERSION } from '../version';
import { createChainParts } from './chain-parts';
import type { AppCore, AppCoreDeps, CoreParts, CoreView } from './core-types';
import type { OperationHandlers } from './ipc-door';
import { attemptWith } from './operations/attempt';
import { chainOperations } from './operations/chains';
import { consoleOperations } from './operations/console';
import { doctorOperations } from './operations/doctor';
import { profileOperations } from './operations/profiles';
import { lineOperations } from './operations/lines';
import { settingsOperations } from './operations/settings';
import { slotOperations } from './operations/slots';
import { ssoOperations } from './operations/sso';
import { tlsOperations } from './operations/tls';
import { tokenOperations } from './operations/token';
import { roleList } from './role-list';
import { SignInState } from './sign-in-state';
import { snapshotOf } from './snapshot';
import type { SsoParts } from './sso-parts';

// The core's entry point: createAppCore, with the types it takes and gives back.
export type { AppCore, AppCoreDeps };

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
  // Running programs follow a switch of the default slot's role: its reads carry a nearer Expiration.
  const follow = new SwitchFollow(service.slots, () => settings.get().switchWithinMinutes);
  service.slots.servedAs = (slot) => follow.serve(slot);
  const caFile = join(deps.configDir, 'roletray-ca.pem');
  // Shared with the SSO commands of the CLI: the catalogue cache and role history.
  const jsonStore = deps.jsonStore ?? new FileJsonStore(join(deps.configDir, 'sso'));
  let ssoLoading: Promise<SsoParts> | undefined;
  const sso = () =>
    (ssoLoading ??= import('./sso-parts').then((m) =>
      m.createSsoParts({
        secrets: deps.secrets,
        store: jsonStore,
        now,
        sleep,
        timers,
        // Renewed, or at a warning moment or the end: read the session again (which plans its next moment).
        onSessionChange: (startUrl) => void parts.refreshSsoStatus(startUrl).catch((err: Error) => deps.log.error('session status not read', { reason: err.message })),
        ...(deps.ssoEndpoint ? { endpoint: deps.ssoEndpoint } : {}),
      }),
    ));
  const fetchSsoRole = async (role: RoleRef) => (await sso()).fetchRole(role);
  const chains = createChainParts({
    secrets: deps.secrets,
    secretsAvailable: deps.secretsAvailable,
    settings,
    now,
    ...timers,
    ...(deps.stsEndpoint ? { stsEndpoint: deps.stsEndpoint } : {}),
    ...(deps.iamEndpoint ? { iamEndpoint: deps.iamEndpoint } : {}),
    sleep,
    ...(deps.awsConfigFile ? { awsConfigFile: deps.awsConfigFile } : {}),
    fetchSsoRole,
    catalogueRole: (profileName) => catalogueRoleNamed(profileName),
    rolesListed: () => parts.rolesListed(),
    instanceRegion: (startUrl) => parts.instanceOf(startUrl)?.region,
    changed: () => changed(),
    log: deps.log,
  });
  const refresh = new RefreshScheduler({
    store: service.slots,
    fetch: fetchSsoRole,
    derive: (derivation, profileName) => chains.deriver.derive(derivation, 'background', profileName),
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
    catalogues: new Map(),
    notices: [],
  };
  const signIns = new SignInState();
  const naming = (startUrl: string) => namingFromAwsConfig(startUrl, awsConfig, settings.get().profileNameFormat);
  const catalogues = () => [...view.catalogues.values()];
  const completeCatalogue = (startUrl: string) => {
    const shown = view.catalogues.get(startUrl);
    return shown && !shown.partial ? shown : undefined;
  };
  /** A catalogue role by the profile name the window shows it with: where a chain may start. */
  const catalogueRoleNamed = (profileName: string): RoleRef | undefined => {
    const listed = parts.roles().find((r) => r.profileName === profileName);
    const region = listed && parts.instanceOf(listed.startUrl)?.region;
    return listed && region ? { startUrl: listed.startUrl, region, accountId: listed.accountId, roleName: listed.roleName } : undefined;
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
    // Turning the token on or off in the window is the person's choice, kept for the next start.
    setAuth: async (on) => {
      const auth = on ? 'token' : 'none';
      if (settings.get().auth !== auth) await settings.update({ auth });
      return control.update({ auth: on });
    },
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
    chains,
    history: () => {
      if (!history) throw new Error('the core has not started');
      return history;
    },
    refresh,
    caFile,
    trustFile: () => (service.server.status().https ? (deps.overrides?.tls ? deps.overrides.caFile : caFile) : undefined),
    view,
    signIns,
    catalogueFetches: new Map(),
    completeCatalogue,
    rolesListed: () => settings.get().ssoInstances.length > 0 && settings.get().ssoInstances.every((i) => completeCatalogue(i.startUrl)),
    roles: roleList(catalogues, naming, () => settings.get().profileNameFormat),
    log: deps.log,
    changed,
    notify(level, message) {
      view.notices = [...view.notices.filter((n) => n.message !== message), { id: `n${++noticeSeq}`, level, message, at: now() }];
      if (level === 'error') deps.log.error(message);
      changed();
    },
    instanceOf: (startUrl) => settings.get().ssoInstances.find((i) => i.startUrl === startUrl),
    naming,
    catalogues,
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
      const { sessions, catalogue, keeper } = await sso();
      for (const instance of instances) {
        const status = await sessions.status(instance.startUrl).catch(() => ({ signedIn: false, canRefresh: false }));
        signIns.applyStatus(instance.startUrl, status, now());
        keeper.plan(instance, status);
        const cached = await catalogue.cached(instance.startUrl).catch(() => undefined);
        if (cached) view.catalogues.set(instance.startUrl, cached);
      }
      changed();
    },
  };
  /** One prompt and one notice per device, for every slot waiting on it; the code then serves them all. */
  const askForRefreshCode = ({ mfaSerial, profileName, slot }: { mfaSerial: string; profileName: string; slot: string }) => {
    const waiting = service.slots.get(slot);
    const what = waiting?.profileName ?? slot;
    parts.notify('warning', `Enter an MFA code for ${profileName} to keep ${what} fresh`);
    // The slot is served until it expires, so the prompt may wait that long (at least the usual wait).
    const until = Math.max((waiting?.credentials.expiration ?? 0) - now(), MFA_WAIT_MS);
    chains.prompts
      .ask({ mfaSerial, profileName, reason: `to keep ${what} fresh` }, until)
      .then((given) => {
        chains.deriver.offer(mfaSerial, given.code);
        // The refresh it is for runs later and says how it went in the slot and a notice; the answer is done here.
        given.settle();
        refresh.resumeMfa(mfaSerial);
      })
      .catch((err: Error) => deps.log.info('no MFA code for a refresh', { reason: err.message }));
  };
  const attempt = attemptWith(deps.log);
  const ops: OperationHandlers = {
    getState: async () => ok(core.state()),
    ...ssoOperations(parts, attempt),
    ...slotOperations(parts, attempt),
    ...tokenOperations(parts, attempt),
    ...tlsOperations(parts, attempt),
    ...settingsOperations(parts, attempt),
    ...lineOperations(parts, attempt),
    ...consoleOperations(parts, attempt),
    ...profileOperations(parts, attempt),
    ...doctorOperations(parts, attempt),
    ...chainOperations(parts, attempt),
  };

  const core: AppCore = {
    service,
    ops,
    state() {
      const server = service.server.status();
      const trusted = parts.trustFile();
      snapshot ??= snapshotOf({
        version: VERSION,
        server: { ...server, tokenFile: settings.get().tokenFile, ...(trusted ? { caFile: trusted } : {}) },
        tls: view.tls,
        slots: service.slots.all(),
        refreshState: (slot) => refresh.state(slot),
        settings: settings.get(),
        signIn: (startUrl) => signIns.get(startUrl),
        catalogues: view.catalogues,
        ...(history ? { history: { recents: history.recents(), pinned: history.pinned() } } : {}),
        naming,
        notices: view.notices,
        secretsAvailable: deps.secretsAvailable,
        chains: chains.chainViews(),
        iamUsers: chains.iamUserViews(),
        mfaPrompts: chains.prompts.list(),
      });
      return snapshot;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async start() {
      for (const message of settings.notices) parts.notify('warning', message);
      if (!deps.secretsAvailable) {
        parts.notify('error', deps.secretsProblem ?? 'This system offers no encryption for secrets, so RoleTray stores none: the token, certificate and loaded roles are kept in memory only.');
      }
      history = await RoleHistory.open(jsonStore);
      if (deps.awsConfigFile) {
        awsConfig = await readAwsConfig(deps.awsConfigFile).catch((err: Error) => {
          parts.notify('warning', `${deps.awsConfigFile} could not be read for profile names: ${err.message}`);
          return awsConfig;
        });
      }
      await chains.readAwsConfig().catch((err: Error) => parts.notify('warning', `${deps.awsConfigFile} could not be read for chained profiles: ${err.message}`));
      await chains.users.loadExpiries();
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
      else if (overrides.noToken || settings.get().auth === 'none') parts.notify('warning', NO_TOKEN_WARNING);
      else {
        const hasToken = await tokens.load().catch((err: Error) => {
          parts.notify('error', `The bearer token could not be read: ${err.message}`);
          return false;
        });
        if (hasToken) {
          // Rewritten at each start, so the file clients were told about is there and current.
          const tokenFile = settings.get().tokenFile;
          if (tokenFile) await tokens.writeFile(tokenFile).catch((err: Error) => parts.notify('error', err.message));
        } else {
          // First start: never serve without a token unless told to. The file is where the printed lines read it.
          if (settings.get().tokenFile === null) {
            await settings.update({ tokenFile: join(deps.configDir, DEFAULT_TOKEN_FILE) }).catch((err: Error) => parts.notify('error', `The token file setting could not be saved: ${err.message}`));
          }
          await tokens.generateFirst().catch((err: Error) => parts.notify('error', err.message));
        }
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
            signIns.update(event.startUrl, { signedIn: false });
            parts.notify('warning', `Sign in to ${event.startUrl} again: ${event.reason}. Loaded roles stay until they expire.`);
          }
          if (event.kind === 'mfa-required') askForRefreshCode(event);
          changed();
        }),
      );
      refresh.start();
      await parts.refreshSsoStatus();
      changed();
    },

    wake() {
      refresh.replan();
      // The sessions' renewals and warnings were planned on timers that did not count the sleep either.
      void parts.refreshSsoStatus().catch((err: Error) => deps.log.error('session status not read', { reason: err.message }));
      changed();
    },

    notice: (level, message) => parts.notify(level, message),

    async stop() {
      signIns.cancelAll();
      chains.prompts.cancelAll();
      refresh.stop();
      if (ssoLoading) (await ssoLoading).keeper.stop();
      for (const off of unsubscribers.splice(0)) off();
      await persistence?.stop();
      await service.server.stop();
    },
  };
  return core;
}
