import type { DevicePrompt } from '../sso/device-login';

/** What the window shows of one IAM Identity Center instance's session. */
export interface SignInEntry {
  signedIn: boolean;
  sessionExpiresAt?: number;
  /** While a device sign-in waits for the person. */
  signIn?: DevicePrompt;
  error?: string;
}

/**
 * The sign-in state of every instance, in one place: whether it is signed in, the sign-in that
 * waits for the person (at most one per instance: a new one cancels the old), and its last error.
 */
export class SignInState {
  private readonly entries = new Map<string, SignInEntry>();
  private readonly pending = new Map<string, AbortController>();

  get(startUrl: string): SignInEntry | undefined {
    return this.entries.get(startUrl);
  }

  /** Changes some fields of an instance's entry (an absent entry starts signed out). */
  update(startUrl: string, patch: Partial<SignInEntry>): void {
    const next: SignInEntry = { signedIn: false, ...this.entries.get(startUrl), ...patch };
    for (const key of Object.keys(next) as (keyof SignInEntry)[]) if (next[key] === undefined) delete next[key];
    this.entries.set(startUrl, next);
  }

  /** A new sign-in for the instance, cancelling the one that was waiting. */
  begin(startUrl: string): AbortSignal {
    this.pending.get(startUrl)?.abort();
    const controller = new AbortController();
    this.pending.set(startUrl, controller);
    this.update(startUrl, { error: undefined });
    return controller.signal;
  }

  /** The sign-in of `signal` is over (done, failed or cancelled); a newer one is left alone. */
  end(startUrl: string, signal: AbortSignal): void {
    if (this.pending.get(startUrl)?.signal === signal) this.pending.delete(startUrl);
  }

  cancel(startUrl: string): void {
    this.pending.get(startUrl)?.abort();
  }

  cancelAll(): void {
    for (const controller of this.pending.values()) controller.abort();
  }
}
