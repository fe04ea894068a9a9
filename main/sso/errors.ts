/**
 * Failures of IAM Identity Center calls, sorted by what the app should do about them.
 */

/** The SSO session is gone (expired, revoked, never signed in): only a new sign-in helps. */
export class SignInRequiredError extends Error {
  constructor(
    readonly startUrl: string,
    reason: string,
  ) {
    super(`sign in to ${startUrl} again: ${reason}`);
    this.name = 'SignInRequiredError';
  }
}

/** The device sign-in ended without a token (denied, expired, cancelled). */
export class SignInFailedError extends Error {
  constructor(
    message: string,
    readonly reason: 'denied' | 'expired' | 'cancelled' | 'rejected',
  ) {
    super(message);
    this.name = 'SignInFailedError';
  }
}

const errorName = (err: unknown) => (err as { name?: unknown } | null)?.name;

/** The portal refused the access token: it expired or was revoked. */
export function isUnauthorized(err: unknown): boolean {
  return errorName(err) === 'UnauthorizedException';
}

export function isThrottled(err: unknown): boolean {
  return errorName(err) === 'TooManyRequestsException' || (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 429;
}

/** Worth trying again later: throttling, a server fault, or no answer at all (network, timeout). */
export function isTransient(err: unknown): boolean {
  if (isThrottled(err)) return true;
  const e = err as { $fault?: string; $metadata?: { httpStatusCode?: number }; code?: string } | null;
  if (e?.$fault === 'server') return true;
  // Errors without an HTTP answer are connection failures (ECONNREFUSED, ECONNRESET, timeouts).
  return e?.$metadata?.httpStatusCode === undefined && e?.$fault === undefined;
}

/** One line for a person, from whatever an SDK call threw. */
export function describe(err: unknown): string {
  const e = err as { name?: string; message?: string; error_description?: string } | null;
  const detail = e?.error_description ?? e?.message ?? String(err);
  return e?.name && e.name !== 'Error' ? `${e.name}: ${detail}` : detail;
}
