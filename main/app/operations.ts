import type { Result, RoleView } from '../../preload/api';
import { done, fail, ok } from '../../common/result';
import { describeError, isUserError, UserError } from '../../common/user-error';
import { partitionOf } from '../credentials/slots';
import { consoleSigninUrl } from '../console/signin-url';
import { containerEnvLines } from '../server/container-access';
import { credentialProcessConfig, envLines, type TokenHint } from '../server/env-lines';
import { SignInRequiredError } from '../credentials/errors';
import { loadRole } from '../sso/load-role';
import { profileNameOf } from '../../common/profile-names';
import type { CoreParts } from './app-core';
import type { OperationHandlers } from './ipc-door';
import { parseRoleKey } from '../../common/role-key';
import { roleView } from './role-view';
import { DEFAULT_SLOT } from '../../common/slot-name';

export const TOKEN_PLACEHOLDER = '<token: use Copy, or Security > Show>';

/** What the window and the tray are told of a fault; its details go to the log. */
export const INTERNAL_ERROR = 'Something went wrong inside RoleTray; the log has the details';

/** The operations of preload/api.ts over the core's parts. Every one answers a Result; none throws. */
export function createOperations(p: CoreParts): Omit<OperationHandlers, 'getState'> {
  const settings = p.deps.settings;

  /** Runs an operation: a UserError's message is the answer; any other failure is logged by name and answered generically. */
  async function attempt<T>(work: () => Promise<T>, what = 'operation'): Promise<Result<T>> {
    try {
      return ok(await work());
    } catch (err) {
      if (isUserError(err)) return fail(err.message);
      p.deps.log.error(`${what} failed`, { error: (err as Error)?.name ?? typeof err, detail: describeError(err) });
      return fail(INTERNAL_ERROR);
    }
  }
  let rolesCache: { key: string; roles: RoleView[] } | undefined;

  function allRoles(): RoleView[] {
    const format = settings.get().profileNameFormat;
    const catalogues = p.catalogues();
    const key = `${format}|${catalogues.map((c) => `${c.startUrl}@${c.fetchedAt}`).join(',')}`;
    if (rolesCache?.key !== key) {
      const roles = catalogues.flatMap((c) => {
        const naming = p.naming(c.startUrl);
        return c.roles.map((r) => roleView(c.startUrl, r, naming));
      });
      rolesCache = { key, roles };
    }
    return rolesCache.roles;
  }

  async function refreshCatalogue(startUrl: string): Promise<void> {
    const instance = p.instanceOf(startUrl);
    if (!instance) return;
    const catalogue = await (await p.sso()).catalogue.refresh(instance);
    p.view.catalogues.set(startUrl, catalogue);
    p.changed();
  }

  /** Applies a listener change first and keeps the setting only if the server could follow it. */
  async function listenThenSave(patch: Parameters<typeof settings.update>[0]): Promise<void> {
    const next = { ...settings.get(), ...patch };
    // A port given at start (--port) holds until the person picks another here.
    await p.control.update({ ...(patch.port !== undefined ? { port: patch.port } : {}), tlsDisabled: next.tlsDisabled, container: next.containerAccess });
    await settings.update(patch);
  }

  return {
    listRoles: async () => ok(allRoles()),

    signIn: (instance) =>
      attempt(async () => {
        if (!p.instanceOf(instance.startUrl)) {
          await settings.update({ ssoInstances: [...settings.get().ssoInstances, instance] });
        }
        p.view.signIns.get(instance.startUrl)?.abort();
        const controller = new AbortController();
        p.view.signIns.set(instance.startUrl, controller);
        const entry = () => p.view.sso.get(instance.startUrl) ?? { signedIn: false };
        p.view.sso.set(instance.startUrl, { ...entry(), error: undefined });
        // The device flow waits for the person in the browser: it runs on, and the state tells how it goes.
        const { sessions } = await p.sso();
        void sessions
          .signIn(
            instance,
            (prompt) => {
              p.view.sso.set(instance.startUrl, { ...entry(), signIn: prompt });
              p.deps.onSignInPrompt?.(prompt);
              p.changed();
            },
            controller.signal,
          )
          .then(async () => {
            p.view.sso.set(instance.startUrl, { ...entry(), signIn: undefined, error: undefined });
            p.refresh.resume(instance.startUrl);
            await p.refreshSsoStatus(instance.startUrl);
            await refreshCatalogue(instance.startUrl);
          })
          .catch((err: unknown) => {
            const cancelled = controller.signal.aborted;
            p.view.sso.set(instance.startUrl, { ...entry(), signIn: undefined, error: cancelled ? undefined : describeError(err) });
            p.changed();
          })
          .finally(() => {
            if (p.view.signIns.get(instance.startUrl) === controller) p.view.signIns.delete(instance.startUrl);
          });
        p.changed();
      }),

    cancelSignIn: async (startUrl) => {
      p.view.signIns.get(startUrl)?.abort();
      return done;
    },

    signOut: (startUrl) =>
      attempt(async () => {
        const instance = p.instanceOf(startUrl);
        if (!instance) throw new UserError(`No IAM Identity Center instance ${startUrl} is configured`);
        await (await p.sso()).sessions.signOut(instance);
        await p.refreshSsoStatus(startUrl);
      }),

    refreshCatalog: () =>
      attempt(async () => {
        const signedIn = settings.get().ssoInstances.filter((i) => p.view.sso.get(i.startUrl)?.signedIn);
        if (signedIn.length === 0) throw new UserError('Sign in to IAM Identity Center first');
        await Promise.all(signedIn.map((i) => refreshCatalogue(i.startUrl)));
      }),

    loadRole: (request) =>
      attempt(async () => {
        const key = parseRoleKey(request.roleKey);
        const instance = key && p.instanceOf(key.startUrl);
        if (!key || !instance) throw new UserError('That role is not in the catalogue of any configured IAM Identity Center instance');
        const known = allRoles().find((r) => r.key === request.roleKey);
        const profileName = known?.profileName ?? profileNameOf({ ...key, accountName: '' }, p.naming(key.startUrl));
        const slot = request.slotted ? profileName : (request.slot ?? DEFAULT_SLOT);
        const role = { ...key, region: instance.region };
        try {
          const { fetchRole } = await p.sso();
          await loadRole(role, profileName, { store: p.service.slots, fetchCredentials: fetchRole, history: p.history() }, slot);
        } catch (err) {
          if (err instanceof SignInRequiredError) throw new UserError(`Sign in to ${instance.startUrl} first (${err.message})`);
          throw err;
        }
        return { slot, profileName };
      }),

    unload: async (slot) => {
      p.service.slots.unload(slot);
      return done;
    },

    unloadAll: async () => {
      p.service.slots.unloadNamed();
      p.service.slots.unload(DEFAULT_SLOT);
      return done;
    },

    setPinned: (request) =>
      attempt(async () => {
        const key = parseRoleKey(request.roleKey);
        const instance = key && p.instanceOf(key.startUrl);
        if (!key || !instance) throw new UserError('Unknown role');
        const role = { ...key, region: instance.region };
        await (request.pinned ? p.history().pin(role) : p.history().unpin(role));
        p.changed();
      }),

    generateToken: () =>
      attempt(async () => {
        await p.tokens.generate();
        p.changed();
      }),
    setToken: (value) =>
      attempt(async () => {
        await p.tokens.set(value);
        p.changed();
      }),
    revealToken: () =>
      attempt(async () => {
        const value = await p.tokens.reveal();
        if (value === undefined) throw new UserError('No bearer token is set');
        return value;
      }),
    deleteToken: () =>
      attempt(async () => {
        await p.tokens.delete();
        p.changed();
      }),
    setTokenFile: (path) =>
      attempt(async () => {
        await settings.update({ tokenFile: path });
        if (path !== null && p.tokens.enabled) await p.tokens.writeFile(path);
      }),

    saveTls: ({ cert, key }) =>
      attempt(async () => {
        const saved = await p.tls.save(cert, key);
        await p.refreshTlsView();
        return { warnings: saved.warnings };
      }),
    generateTls: () =>
      attempt(async () => {
        await p.tls.generate();
        await p.refreshTlsView();
      }),
    exportCa: () =>
      attempt(async () => {
        const pem = await p.tls.certificate();
        if (pem === undefined) throw new UserError('No certificate is saved; save or generate one first');
        return { pem, path: p.caFile };
      }),
    deleteTls: () =>
      attempt(async () => {
        await p.tls.delete();
        await p.refreshTlsView();
      }),
    setTlsDisabled: (disabled) =>
      attempt(async () => {
        await listenThenSave({ tlsDisabled: disabled });
        await p.refreshTlsView();
      }),

    updateSettings: (patch) =>
      attempt(async () => {
        const listening = patch.port !== undefined || patch.tlsDisabled !== undefined || patch.containerAccess !== undefined;
        if (listening) await listenThenSave(patch);
        else await settings.update(patch);
        if (patch.tlsDisabled !== undefined) await p.refreshTlsView();
        if (patch.ssoInstances) await p.refreshSsoStatus();
        return settings.get();
      }),

    envLines: ({ shell, slot, revealToken, container }) =>
      attempt(async () => {
        const status = p.service.server.status();
        if (!status.url) throw new UserError(`The server is not listening${status.error ? `: ${status.error}` : ''}`);
        const tokenFile = settings.get().tokenFile;
        let token: TokenHint | undefined;
        if (p.tokens.enabled && tokenFile) token = { file: tokenFile };
        else if (p.tokens.enabled) {
          // Lines on screen must not show the token; a copy the person asked for carries it.
          const value = revealToken ? await p.tokens.reveal() : undefined;
          token = { value: value ?? TOKEN_PLACEHOLDER };
        }
        if (container) {
          if (status.addresses.length < 2 || !token) throw new UserError(p.control.plan().containerOff ?? 'Container access is off: turn it on under Server (it needs TLS and a token)');
          return containerEnvLines(shell, { port: status.port!, caFile: p.caFile, token, slot: slot || undefined });
        }
        return envLines(shell, { url: status.url, slot: slot || undefined, token, caFile: status.https ? p.caFile : undefined });
      }),

    credentialProcessLines: (slot) =>
      attempt(async () => {
        const status = p.service.server.status();
        if (!status.url) throw new UserError('The server is not listening');
        const url = new URL(status.url);
        // 127.0.0.1:4144 over http is the command's default; anything else is spelled out.
        const server = status.https ? status.url : url.port === '4144' ? undefined : url.host;
        const tokenFile = p.tokens.enabled ? (settings.get().tokenFile ?? undefined) : undefined;
        const lines = credentialProcessConfig(slot, {
          ...(server ? { server } : {}),
          ...(tokenFile ? { tokenFile } : {}),
          ...(p.deps.cliCommand ? { command: p.deps.cliCommand } : {}),
        }).trimEnd().split('\n');
        if (p.tokens.enabled && !tokenFile) lines.push('# the token: set ROLETRAY_TOKEN, or choose a token file under Security');
        return lines;
      }),

    openExternal: (url) => attempt(() => p.deps.openExternal(url)),

    openConsole: (target) =>
      attempt(async () => {
        let creds: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
        let region: string | undefined;
        if ('slot' in target) {
          const slot = p.service.slots.servable(target.slot);
          if (!slot) throw new UserError(`No usable credentials in ${target.slot ? `slot "${target.slot}"` : 'the default slot'}`);
          creds = slot.credentials;
          region = slot.role?.region;
        } else {
          const key = parseRoleKey(target.roleKey);
          const instance = key && p.instanceOf(key.startUrl);
          if (!key || !instance) throw new UserError('That role is not in the catalogue of any configured IAM Identity Center instance');
          creds = await (await p.sso()).fetchRole({ ...key, region: instance.region });
          region = instance.region;
        }
        // The IAM Identity Center region decides the partition (aws, aws-us-gov, aws-cn), not where the console opens.
        const url = await consoleSigninUrl(creds, { partition: partitionOf(region), ...(p.deps.federationUrl ? { federationUrl: p.deps.federationUrl } : {}) });
        await p.deps.openExternal(url);
      }),

    dismissNotice: async (id) => {
      p.view.notices = p.view.notices.filter((n) => n.id !== id);
      p.changed();
      return done;
    },
  };
}
