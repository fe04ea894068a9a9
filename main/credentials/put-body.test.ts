import { describe, expect, it } from 'vitest';
import { makeCreds } from '../../test-support/credentials';
import { parseAccountId, parseExpiration, parseLoadBody } from './put-body';

const NOW = Date.parse('2026-11-25T12:00:00Z');

describe('parseLoadBody', () => {
  it('turns the documented body into credentials, padding the account id', () => {
    const c = makeCreds({ accountId: 12345678901, expiration: NOW + 1000 }, NOW);
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
          expiration: NOW + 1000,
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
    [NOW + 1, true],
    [String(NOW + 1), true],
    [NOW, false],
    [1.5e12 + 0.5, false],
    [Infinity, false],
    [9e15, false],
    ['1e13', false],
  ])('expiration %j ok=%s', (input, ok) => expect(parseExpiration(input, NOW).ok).toBe(ok));
});
