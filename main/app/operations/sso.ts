import { regionProblem, startUrlProblem, type SsoInstance } from '../../../common/sso-instance';
import { done, ok } from '../../../common/result';
import { describeError, UserError } from '../../../common/user-error';
import type { BrowserPrompt } from '../../sso/pkce-login';
import type { CoreParts } from '../core-types';
import type { OperationHandlers } from '../ipc-door';
import type { SignInMethod } from '../../../common/sign-in-method';
import type { Attempt } from './attempt';

type SsoOperations = Pick<OperationHandlers, 'listRoles' | 'signIn' | 'cancelSignIn' | 'signOut' | 'refreshCatalog'>;

/** Signing in and out of IAM Identity Center, and the role catalogue it gives. */
export function ssoOperations(p: CoreParts, attempt: Attempt): SsoOperations {
  const settings = p.deps.settings;

  /** Fetches an instance's roles, kept in catalogueFetches while it runs so a load by profile name can wait for a first list. */
  function refreshCatalogue(startUrl: string): Promise<void> {
    const running = fetchCatalogue(startUrl).finally(() => {
      if (p.catalogueFetches.get(startUrl) === running) p.catalogueFetches.delete(startUrl);
    });
    p.catalogueFetches.set(startUrl, running);
    return running;
  }

  /**
   * Shows how far the fetch got as pages arrive. On a first fetch the roles so far are the list
   * (marked partial); a refresh keeps the complete list until the new one is complete, and a fetch
   * that fails leaves what was there before it.
   */
  async function fetchCatalogue(startUrl: string): Promise<void> {
    const instance = p.instanceOf(startUrl);
    if (!instance) return;
    const { catalogue } = await p.sso();
    const complete = () => p.completeCatalogue(startUrl);
    try {
      const fetched = await catalogue.refresh(instance, ({ roles, accountsDone, accounts }) => {
        p.signIns.update(startUrl, { catalogueProgress: { roles: roles.length, accountsDone, ...(accounts !== undefined ? { accounts } : {}) } });
        // The last report has every role: the list it makes is the complete one, set once saved, so a partial list never looks whole.
        const last = accounts !== undefined && accountsDone === accounts;
        if (!complete() && !last && roles.length > 0) p.view.catalogues.set(startUrl, { startUrl, region: instance.region, fetchedAt: p.now(), roles: [...roles], partial: true });
        // The fetch reports a few times a second, and changed() makes one snapshot of each burst.
        p.changed();
      });
      p.view.catalogues.set(startUrl, fetched);
    } catch (err) {
      if (!complete()) p.view.catalogues.delete(startUrl);
      throw err;
    } finally {
      p.signIns.update(startUrl, { catalogueProgress: undefined });
      p.changed();
    }
  }

  /** A sign-in waits for the person in the browser: it runs on, and the state tells how it goes. */
  async function runSignIn(instance: SsoInstance, method: SignInMethod, signal: AbortSignal): Promise<void> {
    const { startUrl } = instance;
    const { sessions } = await p.sso();
    try {
      if (method === 'pkce') {
        const onPrompt = (prompt: BrowserPrompt) => {
          p.signIns.update(startUrl, { browserSignIn: prompt });
          p.changed();
        };
        await sessions.signInWithBrowser(instance, { open: p.deps.openExternal, onPrompt }, signal);
      } else {
        await sessions.signIn(
          instance,
          (prompt) => {
            p.signIns.update(startUrl, { signIn: prompt });
            p.deps.onSignInPrompt?.(prompt);
            p.changed();
          },
          signal,
        );
      }
      // Signed in: nothing waits for the person any more, so a sign-in asked for from here on is a new one.
      p.signIns.end(startUrl, signal);
      p.signIns.update(startUrl, { signIn: undefined, browserSignIn: undefined, error: undefined });
      p.refresh.resume(startUrl);
      await p.refreshSsoStatus(startUrl);
      await refreshCatalogue(startUrl);
    } catch (err) {
      p.signIns.update(startUrl, { signIn: undefined, browserSignIn: undefined, error: signal.aborted ? undefined : describeError(err) });
      p.changed();
    } finally {
      p.signIns.end(startUrl, signal);
    }
  }

  /** The waiting sign-in's page again (the person closed the tab, or no browser opened): asked for by a click, so it may open one. */
  async function showAgain(startUrl: string): Promise<void> {
    const entry = p.signIns.get(startUrl);
    if (entry?.browserSignIn) await p.deps.openExternal(entry.browserSignIn.authorizeUrl);
    else if (entry?.signIn) p.deps.onSignInPrompt?.(entry.signIn);
  }

  return {
    listRoles: async () => ok(p.roles()),

    signIn: (request) =>
      attempt(async () => {
        const instance = { startUrl: request.startUrl, region: request.region };
        // Refused before any request: a plain-http or mistyped URL would register a client for nothing.
        const problem = startUrlProblem(instance.startUrl) ?? regionProblem(instance.region);
        if (problem) throw new UserError(`Cannot sign in: ${problem}.`);
        if (!p.instanceOf(instance.startUrl)) {
          await settings.update({ ssoInstances: [...settings.get().ssoInstances, instance] });
        }
        const method = request.method ?? p.deps.signInMethod ?? 'device';
        if (p.signIns.waiting(instance.startUrl) === method) return showAgain(instance.startUrl);
        void runSignIn(instance, method, p.signIns.begin(instance.startUrl, method));
        p.changed();
      }),

    cancelSignIn: async (startUrl) => {
      p.signIns.cancel(startUrl);
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
        const signedIn = settings.get().ssoInstances.filter((i) => p.signIns.get(i.startUrl)?.signedIn);
        if (signedIn.length === 0) throw new UserError('Sign in to IAM Identity Center first');
        await Promise.all(signedIn.map((i) => refreshCatalogue(i.startUrl)));
      }),
  };
}
