import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newToken } from '../token/token-rules';
import { ApiError } from './errors';

// The one-shot hash: a Hash object per request costs more than the digest itself.
function digest(value: string): Buffer {
  return hash('sha256', value, 'buffer');
}

/** The token itself: clients send it raw (AWS CLI, SDKs) or as `Bearer <token>` (the existing CLI's users). */
const presented = (header: string) => (/^bearer /i.test(header) ? header.slice(7) : header);

/**
 * How long a scoped token may live, in seconds. `exec` asks for the longest and revokes its token
 * when the command ends, so the limit bounds only a token whose `exec` was killed outright.
 */
export const SCOPED_TTL_SECONDS = { min: 60, default: 3_600, max: 43_200 } as const;

/** Scoped tokens live at once; past it, a new one is refused until others expire or are revoked. */
export const MAX_SCOPED_TOKENS = 256;

/** A scoped token as it is handed out: only its holder and the process that asked for it see `token`. */
export interface ScopedGrant {
  token: string;
  /** Names the grant for revocation (DELETE /token/scoped/<id>); not a secret. */
  id: string;
  /** The one slot it may read ('' is the default slot). */
  slot: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

interface Scoped {
  digest: Buffer;
  slot: string;
  expiresAt: number;
}

/**
 * The server's tokens: the owner's (every route) and short-lived scoped ones, each allowed to read
 * one slot's credentials and nothing else, kept in memory only. Every comparison is of SHA-256
 * digests in constant time, so neither a token's content nor its length leaks through timing.
 * A change applies to the next request.
 */
export class BearerToken {
  private expected: Buffer | undefined;
  private readonly scoped = new Map<string, Scoped>();

  constructor(
    token?: string,
    private readonly now: () => number = Date.now,
  ) {
    this.set(token);
  }

  /** The owner's token (undefined: none required). Every scoped token goes with the old one: it was granted under it. */
  set(token: string | undefined): void {
    this.expected = token ? digest(token) : undefined;
    this.scoped.clear();
  }

  get enabled(): boolean {
    return this.expected !== undefined;
  }

  /** The owner's token, or no token when none is required. Scoped tokens are not accepted here. */
  accepts(header: string | undefined): boolean {
    const expected = this.expected;
    if (!expected) return true;
    if (!header) return false;
    return timingSafeEqual(digest(presented(header)), expected);
  }

  /** A read of `slot`'s credentials: the owner's token, or a live scoped token bound to that slot. */
  allowsRead(header: string | undefined, slot: string): boolean {
    const expected = this.expected;
    if (!expected) return true;
    if (!header) return false;
    const given = digest(presented(header));
    if (timingSafeEqual(given, expected)) return true;
    const now = this.now();
    let allowed = false;
    // Every grant is compared, so the time taken does not say which one matched.
    for (const grant of this.scoped.values()) {
      if (timingSafeEqual(given, grant.digest) && grant.slot === slot && grant.expiresAt > now) allowed = true;
    }
    return allowed;
  }

  /** A new scoped token for `slot`, living `ttlSeconds` (the caller keeps it within SCOPED_TTL_SECONDS). */
  issue(slot: string, ttlSeconds: number): ScopedGrant {
    if (!this.expected) throw new ApiError(409, 'Scoped tokens need the bearer token on; this server requires no token');
    const now = this.now();
    for (const [id, grant] of this.scoped) if (grant.expiresAt <= now) this.scoped.delete(id);
    if (this.scoped.size >= MAX_SCOPED_TOKENS) {
      throw new ApiError(429, `At most ${MAX_SCOPED_TOKENS} scoped tokens can be live at once; revoke one (DELETE /token/scoped/<id>) or wait until one expires`);
    }
    const token = newToken();
    const id = randomBytes(12).toString('base64url');
    const expiresAt = now + ttlSeconds * 1000;
    this.scoped.set(id, { digest: digest(token), slot, expiresAt });
    return { token, id, slot, expiresAt };
  }

  /** Ends a scoped token at once; false when there is none of that id (never issued, revoked or expired). */
  revoke(id: string): boolean {
    const grant = this.scoped.get(id);
    this.scoped.delete(id);
    return grant !== undefined && grant.expiresAt > this.now();
  }
}
