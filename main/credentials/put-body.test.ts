import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCreds } from '../../test-support/credentials';
import { parseAccountId, parseExpiration, parseLoadBody } from './put-body';

const NOW = Date.parse('2026-11-25T12:00:00Z');

describe('parseLoadBody', () => {
  it('turns the documented body into credentials, padding the account id', () => {
    const c = makeCreds({ accountId: 12345678901, expiration: NOW + 60_000 }, NOW);
    const parsed = parseLoadBody({ ProfileName: 'dev:Admin', Creds: c }, '', NOW);
    expect(parsed).toEqual({
      ok: true,
      value: {
        profileName: 'dev:Admin',
        source: 'pushed',
        credentials: {
          accountId: '012345678901',
          roleName: 'Admin',
          accessKeyId: c.accessKeyId,
          secretAccessKey: c.secretAccessKey,
          sessionToken: c.sessionToken,
          expiration: NOW + 60_000,
        },
      },
    });
  });

  it('ignores unknown fields and names the first bad one', () => {
    expect(parseLoadBody({ Creds: { ...makeCreds({}, NOW), extra: 1 }, Other: true }, '', NOW).ok).toBe(true);
    expect(parseLoadBody({ Creds: makeCreds({ roleName: 'has space' }, NOW) }, '', NOW)).toEqual({
      ok: false,
      error: 'Creds.roleName must be an IAM role name (1-64 of letters, digits and +=,.@_-)',
    });
  });

  it('requires a named slot and its ProfileName to agree', () => {
    expect(parseLoadBody({ ProfileName: 'a', Creds: makeCreds({}, NOW) }, 'b', NOW)).toMatchObject({ ok: false });
    expect(parseLoadBody({ Creds: makeCreds({}, NOW) }, 'b', NOW)).toMatchObject({ ok: true, value: { profileName: 'b' } });
  });
});

describe('field parsers', () => {
  it.each([
    [0, '000000000000'],
    ['42', '000000000042'],
    [' 123456789012 ', '123456789012'],
  ])('account id %j → %s', (input, out) => expect(parseAccountId(input)).toEqual({ ok: true, value: out }));

  it.each([-1, 1.5, '12a', '', null, 1234567890123, Number.MAX_SAFE_INTEGER + 2])('rejects account id %j', (input) =>
    expect(parseAccountId(input).ok).toBe(false),
  );

  it.each([
    [NOW + 60_000, true],
    [String(NOW + 60_000), true],
    [NOW + 1, false],
    [NOW, false],
    [1.5e12 + 0.5, false],
    [Infinity, false],
    [9e15, false],
    ['1e13', false],
  ])('expiration %j ok=%s', (input, ok) => expect(parseExpiration(input, NOW).ok).toBe(ok));
});

describe('what a PUT accepts, as properties (fast-check)', () => {
  const body = (over: Record<string, unknown>) => ({ Creds: { ...makeCreds({}, NOW), ...over } });
  // The documented rules, written again without the product's regular expressions.
  const printableAscii = (s: string) => [...s].every((c) => c.charCodeAt(0) >= 0x21 && c.charCodeAt(0) <= 0x7e);
  const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

  it('key ids: exactly 1-128 printable ASCII characters without whitespace', () => {
    const id = fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 140 }), fc.string({ unit: 'binary', maxLength: 10 }), fc.string({ maxLength: 130 }));
    fc.assert(
      fc.property(id, (accessKeyId) => {
        const parsed = parseLoadBody(body({ accessKeyId }), '', NOW);
        const expected = accessKeyId.length >= 1 && accessKeyId.length <= 128 && printableAscii(accessKeyId);
        expect(parsed.ok).toBe(expected);
        if (parsed.ok) expect(parsed.value.credentials.accessKeyId).toBe(accessKeyId);
        else expect(parsed.error).toMatch(/^Creds\.accessKeyId /);
      }),
      { numRuns: 2_000 },
    );
  });

  it.each(['test', 'testing', 'FOOBARKEY', 'AKID', 'A', 'x'.repeat(128), 'AKIA/+=_-.~!'])('the emulators\' and SDKs\' key id %j loads', (accessKeyId) => {
    expect(parseLoadBody(body({ accessKeyId }), '', NOW)).toMatchObject({ ok: true, value: { credentials: { accessKeyId } } });
  });

  it.each(['', ' AKID', 'AK ID', 'AKID\n', 'AK\tID', 'AKÏD', 'x'.repeat(129), '\u0000'])('the key id %j is refused', (accessKeyId) => {
    expect(parseLoadBody(body({ accessKeyId }), '', NOW).ok).toBe(false);
  });

  it('secrets and tokens: any non-empty printable text, nothing with whitespace or control characters', () => {
    const printable = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }).filter((s) => !/[\s\p{C}]/u.test(s));
    const spoiler = fc.constantFrom(' ', '\t', '\n', '\r', '\u0000', '\u0007', '\u007f', '\u0085', '\u00a0', '\u2028', '\u200b', '\ufeff', '\ud800');
    const spoilt = fc.tuple(fc.string({ maxLength: 20 }), spoiler, fc.string({ maxLength: 20 })).map(([a, b, c]) => a + b + c);
    fc.assert(
      fc.property(fc.constantFrom('secretAccessKey', 'sessionToken'), printable, spoilt, (field, good, bad) => {
        const ok = parseLoadBody(body({ [field]: good }), '', NOW);
        expect(ok.ok).toBe(true);
        if (ok.ok) expect(ok.value.credentials[field as 'secretAccessKey']).toBe(good);
        expect(parseLoadBody(body({ [field]: bad }), '', NOW)).toEqual({
          ok: false,
          error: `Creds.${field} must be printable text without whitespace or control characters`,
        });
        expect(parseLoadBody(body({ [field]: '' }), '', NOW)).toEqual({ ok: false, error: `Creds.${field} must be a non-empty string` });
      }),
      { numRuns: 1_000 },
    );
  });

  it('expiration: accepted exactly when at least a minute ahead and a four-digit year, and then it serialises as YYYY-MM-DDTHH:MM:SSZ', () => {
    const lastSecondOf9999 = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    const ms = fc.oneof(
      fc.integer({ min: NOW - 120_000, max: NOW + 120_000 }),
      fc.integer({ min: lastSecondOf9999 - 5_000, max: lastSecondOf9999 + 5_000 }),
      fc.integer({ min: 1e11, max: 8.64e15 }),
      fc.constantFrom(8.64e15, Date.UTC(275760, 8, 13), NOW + 59_999, NOW + 60_000, lastSecondOf9999, lastSecondOf9999 + 1),
    );
    fc.assert(
      fc.property(ms, fc.boolean(), (n, asString) => {
        const parsed = parseExpiration(asString ? String(n) : n, NOW);
        const expected = n - NOW >= 60_000 && n <= lastSecondOf9999;
        expect(parsed.ok).toBe(expected);
        if (parsed.ok) {
          expect(isoSeconds(parsed.value)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
          expect(Date.parse(isoSeconds(parsed.value))).toBe(Math.floor(n / 1000) * 1000);
        } else if (n - NOW < 60_000) {
          expect(parsed.error).toMatch(/already expired/);
        } else {
          expect(parsed.error).toBe('expiration is after the year 9999: send epoch milliseconds of a real expiry');
        }
      }),
      { numRuns: 5_000 },
    );
  });

  it('year 275760, the last instant JavaScript has, is refused', () => {
    expect(parseExpiration(8.64e15, NOW)).toMatchObject({ ok: false, error: expect.stringMatching(/year 9999/) });
  });

  it('less than a minute left: 400 "already expired" at the PUT, not a 404 at the next GET', () => {
    expect(parseExpiration(NOW + 59_999, NOW)).toEqual({
      ok: false,
      error: 'expiration leaves less than 60 s: these credentials have already expired for every SDK',
    });
    expect(parseExpiration(NOW - 1, NOW)).toEqual({ ok: false, error: 'expiration is in the past: these credentials have already expired' });
    expect(parseExpiration(NOW + 60_000, NOW)).toEqual({ ok: true, value: NOW + 60_000 });
  });
});
