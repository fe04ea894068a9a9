import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * The server's bearer token. Clients send it raw (AWS CLI, SDKs) or as `Bearer <token>`
 * (the existing CLI's users); comparison is of SHA-256 digests in constant time, so neither
 * the token's content nor its length leaks through timing. A change applies to the next request.
 */
export class BearerToken {
  private expected: Buffer | undefined;

  constructor(token?: string) {
    this.set(token);
  }

  set(token: string | undefined): void {
    this.expected = token ? digest(token) : undefined;
  }

  get enabled(): boolean {
    return this.expected !== undefined;
  }

  accepts(header: string | undefined): boolean {
    const expected = this.expected;
    if (!expected) return true;
    if (!header) return false;
    const presented = /^bearer /i.test(header) ? header.slice(7) : header;
    return timingSafeEqual(digest(presented), expected);
  }
}
