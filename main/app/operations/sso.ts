import { regionProblem, startUrlProblem, type SsoInstance } from '../../../common/sso-instance';
import { done, ok } from '../../../common/result';
import { describeError, UserError } from '../../../common/user-error';
import type { CoreParts } from '../core-types';
import type { OperationHandlers } from '../ipc-door';
import type { Attempt } from './attempt';

type SsoOperations = Pick<OperationHandlers, 'listRoles' | 'signIn' | 'cancelSignIn' | 'signOut' | 'refreshCatalog'>;

/** Signing in and out of IAM Identity Center, and the role catalogue it gives. */
export function ssoOperations(p: CoreParts, attempt: Attempt): SsoOperations {
  const settings = p.deps.settings;

  async function refreshCatalogue(startUrl: string): Promise<void> {
    const instance = p.instanceOf(startUrl);
    if (!instance) return;
    const catalogue = await (await p.sso()).catalogue.refresh(instance);
    p.view.catalogues.set(startUrl, catalogue);
    p.changed();
  }

  /** The device flow waits for the person in the browser: it runs on, and the state tells how it goes. */
  async function runSignIn(instance: SsoInstance, signal: AbortSignal): Promise<void> {
    const { startUrl } = instance;
    const { sessions } = await p.sso();
    try {
      await sessions.signIn(
        instance,
        (prompt) => {
          p.signIns.update(startUrl, { signIn: prompt });
          p.deps.onSignInPrompt?.(prompt);
          p.changed();
        },
        signal,
      );
      p.signIns.update(startUrl, { signIn: undefined, error: undefined });
      p.refresh.resume(startUrl);
      await p.refreshSsoStatus(startUrl);
      await refreshCatalogue(startUrl);
    } catch (err) {
      p.signIns.update(startUrl, { signIn: undefined, error: signal.aborted ? undefined : describeError(err) });
      p.changed();
    } finally {
      p.signIns.end(startUrl, signal);
    }
  }

  return {
    listRoles: async () => ok(p.roles()),

    signIn: (instance) =>
      attempt(async () => {
        // Refused before any request: a plain-http or mistyped URL would register a client for nothing.
        const problem = startUrlProblem(instance.startUrl) ?? regionProblem(instance.region);
        if (problem) throw new UserError(`Cannot sign in: ${problem}.`);
        if (!p.instanceOf(instance.startUrl)) {
          await settings.update({ ssoInstances: [...settings.get().ssoInstances, instance] });
        }
        void runSignIn(instance, p.signIns.begin(instance.startUrl));
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
