import type { CatalogueProgressView } from '../../preload/api';
import { sessionWarning } from '../../common/session-warning';
import type { SignInMethod } from '../../common/sign-in-method';
import type { DevicePrompt } from '../sso/device-login';
import type { BrowserPrompt } from '../sso/pkce-login';
import type { SessionStatus } from '../sso/sso-sessions';

/** What the window shows of one IAM Identity Center instance's session (and of the role list being fetched for it). */
export interface SignInEntry {
  signedIn: boolean;
  /** When the session ends, once known (for a session nothing renews, when its token expires). */
  sessionExpiresAt?: number;
  /** A refresh token renews the session, without asking, until it ends. */
  renews?: boolean;
  /** From the first warning before the session's end ('ending'), and after it ('ended'). */
  sessionWarning?: 'ending' | 'ended';
  /** While a device sign-in waits for the person. */
  signIn?: DevicePrompt;
  /** While a browser sign-in waits for the person. */
  browserSignIn?: BrowserPrompt;
  /** While its role list is being fetched. */
  catalogueProgress?: CatalogueProgressView;
  error?: string;
}

export const SESSION_ENDED = 'The IAM Identity Center session has ended; sign in again to keep loaded roles refreshing.';

/**
 * The sign-in state of every instance, in one place: whether it is signed in and until when, the
 * sign-in that waits for the person (at most one per instance), and its last error.
 */
export class SignInState {
  private readonly entries = new Map<string, SignInEntry>();
  private readonly pending = new Map<string, { method: SignInMethod; controller: AbortController }>();

  get(startUrl: string): SignInEntry | undefined {
    return this.entries.get(startUrl);
  }

  /** Changes some fields of an instance's entry (an absent entry starts signed out). */
  update(startUrl: string, patch: Partial<SignInEntry>): void {
    const next: SignInEntry = { signedIn: false, ...this.entries.get(startUrl), ...patch };
    for (const key of Object.keys(next) as (keyof SignInEntry)[]) if (next[key] === undefined) delete next[key];
    this.entries.set(startUrl, next);
  }

  /** The session as the token store has it at `now`; a session that has just ended says so, once, as its error. */
  applyStatus(startUrl: string, status: SessionStatus, now: number): void {
    const warning = sessionWarning(status.endsAt, now)?.stage;
    const ended = warning === 'ended' && this.entries.get(startUrl)?.sessionWarning !== 'ended';
    this.update(startUrl, {
      signedIn: status.signedIn,
      sessionExpiresAt: status.endsAt,
      renews: status.signedIn && status.canRefresh ? true : undefined,
      sessionWarning: warning,
      ...(ended ? { error: SESSION_ENDED } : {}),
    });
  }

  /** The sign-in that waits for the person, if one does. */
  waiting(startUrl: string): SignInMethod | undefined {
    return this.pending.get(startUrl)?.method;
  }

  /** A new sign-in for the instance, cancelling the one that was waiting. */
  begin(startUrl: string, method: SignInMethod): AbortSignal {
    this.pending.get(startUrl)?.controller.abort();
    const controller = new AbortController();
    this.pending.set(startUrl, { method, controller });
    this.update(startUrl, { error: undefined });
    return controller.signal;
  }

  /** The sign-in of `signal` is over (done, failed or cancelled); a newer one is left alone. */
  end(startUrl: string, signal: AbortSignal): void {
    if (this.pending.get(startUrl)?.controller.signal === signal) this.pending.delete(startUrl);
  }

  cancel(startUrl: string): void {
    this.pending.get(startUrl)?.controller.abort();
  }

  cancelAll(): void {
    for (const { controller } of this.pending.values()) controller.abort();
  }
}
