/**
 * Failures of IAM Identity Center calls, sorted by what the app should do about them.
 */
import { UserError } from '../../common/user-error';
import { SignInRequiredError } from '../credentials/errors';

/** The device sign-in ended without a token (denied, expired, cancelled). */
export class SignInFailedError extends UserError {
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

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH']);

/** Worth trying again later: throttling, a server fault, or no answer at all (network, timeout). */
export function isTransient(err: unknown): boolean {
  if (err instanceof SignInRequiredError || err instanceof SignInFailedError) return false;
  if (isThrottled(err)) return true;
  const e = err as { name?: string; code?: string; $fault?: string; $metadata?: { httpStatusCode?: number } } | null;
  if (e?.$fault === 'server' || (e?.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return e?.name === 'TimeoutError' || NETWORK_CODES.has(e?.code ?? '');
}
