import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { BearerToken, MAX_SCOPED_TOKENS } from './bearer-token';

const OWNER = 'owner-token-0123456789abcdef';

describe('BearerToken', () => {
  it('accepts the owner token raw or as Bearer, and anything while no token is set', () => {
    const token = new BearerToken(OWNER);
    expect(token.accepts(OWNER)).toBe(true);
    expect(token.accepts(`bearer ${OWNER}`)).toBe(true);
    expect(token.accepts(`${OWNER}x`)).toBe(false);
    expect(token.accepts(undefined)).toBe(false);
    token.set(undefined);
    expect(token.accepts(undefined)).toBe(true);
    expect(token.allowsRead(undefined, 'any')).toBe(true);
  });

  it('gives scoped tokens that read their own slot until they expire, and are never the owner', () => {
    let now = 1_000_000;
    const token = new BearerToken(OWNER, () => now);
    const dev = token.issue('dev', 600);
    const def = token.issue('', 600);
    expect(dev).toEqual({ token: expect.stringMatching(/^[A-Za-f][A-Za-z0-9_-]{42}$/), id: expect.any(String), slot: 'dev', expiresAt: now + 600_000 });
    expect(dev.token).not.toBe(def.token);
    expect(dev.id).not.toBe(def.id);
    expect(token.allowsRead(dev.token, 'dev')).toBe(true);
    expect(token.allowsRead(`Bearer ${dev.token}`, 'dev')).toBe(true);
    expect(token.allowsRead(dev.token, '')).toBe(false);
    expect(token.allowsRead(def.token, '')).toBe(true);
    expect(token.allowsRead(def.token, 'dev')).toBe(false);
    expect(token.accepts(dev.token)).toBe(false);
    expect(token.allowsRead(OWNER, 'dev')).toBe(true);
    now += 600_000;
    expect(token.allowsRead(dev.token, 'dev')).toBe(false);
    expect(token.revoke(dev.id)).toBe(false);
  });

  it('revokes one at once, and all of them with the owner token they were granted under', () => {
    const token = new BearerToken(OWNER);
    const a = token.issue('a', 600);
    const b = token.issue('b', 600);
    expect(token.revoke(a.id)).toBe(true);
    expect(token.revoke(a.id)).toBe(false);
    expect(token.allowsRead(a.token, 'a')).toBe(false);
    expect(token.allowsRead(b.token, 'b')).toBe(true);
    token.set('rotated-token-0123456789abcdef');
    expect(token.allowsRead(b.token, 'b')).toBe(false);
    expect(token.revoke(b.id)).toBe(false);
  });

  it('refuses scoped tokens without an owner token, and past the limit until one expires', () => {
    expect(() => new BearerToken().issue('dev', 600)).toThrow(new ApiError(409, 'Scoped tokens need the bearer token on; this server requires no token'));
    let now = 0;
    const token = new BearerToken(OWNER, () => now);
    const first = token.issue('dev', 60);
    for (let i = 1; i < MAX_SCOPED_TOKENS; i++) token.issue('dev', 600);
    const past = (() => {
      try {
        token.issue('dev', 600);
      } catch (err) {
        return err as ApiError;
      }
    })();
    expect(past).toMatchObject({ status: 429, message: `At most ${MAX_SCOPED_TOKENS} scoped tokens can be live at once; revoke one (DELETE /token/scoped/<id>) or wait until one expires` });
    now += 60_000;
    expect(token.allowsRead(first.token, 'dev')).toBe(false);
    expect(token.issue('dev', 600).slot).toBe('dev');
  });
});
