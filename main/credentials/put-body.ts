import { MIN_SERVE_MS } from '../../common/limits';
import { slotNameProblem } from '../../common/slot-name';
import type { LoadRequest } from './types';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Key ids are what the AWS CLI accepts: 1-128 printable ASCII characters, no whitespace. Real ones
 * are 16+ letters and digits, but emulators' are not (LocalStack `test`, moto `testing` and
 * `FOOBARKEY`, the SDKs' `AKID`), and they go into signed headers, so nothing outside ASCII.
 */
const ACCESS_KEY_ID = /^[\x21-\x7e]{1,128}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** Not printable: whitespace, and Unicode's "other" characters (control, format, surrogate, private, unassigned). */
const NOT_PRINTABLE = /[\s\p{C}]/u;
/** Below this an "epoch milliseconds" value is really seconds (it would be 1973). */
const SECONDS_NOT_MS = 1e11;
/** 9999-12-31T23:59:59.999Z: the last instant whose year has the four digits `YYYY-MM-DDTHH:MM:SSZ` needs (botocore parses no other). */
const LAST_FOUR_DIGIT_YEAR_MS = 253_402_300_799_999;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function secretString(v: unknown, field: string): Parsed<string> {
  if (typeof v !== 'string' || v.length === 0) return { ok: false, error: `${field} must be a non-empty string` };
  if (NOT_PRINTABLE.test(v)) return { ok: false, error: `${field} must be printable text without whitespace or control characters` };
  return { ok: true, value: v };
}

/** An account id given as a number or numeric string, as the 12-digit string AWS uses. */
export function parseAccountId(v: unknown, field = 'accountId'): Parsed<string> {
  const text = typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : typeof v === 'string' ? v.trim() : '';
  if (!/^\d{1,12}$/.test(text)) return { ok: false, error: `${field} must be an AWS account id of up to 12 digits` };
  return { ok: true, value: text.padStart(12, '0') };
}

export function parseRoleName(v: unknown, field = 'roleName'): Parsed<string> {
  if (typeof v !== 'string' || !ROLE_NAME.test(v)) {
    return { ok: false, error: `${field} must be an IAM role name (1-64 of letters, digits and +=,.@_-)` };
  }
  return { ok: true, value: v };
}

/**
 * Epoch milliseconds as a number or numeric string: an instant with a four-digit year, and at
 * least MIN_SERVE_MS after `now`, since the server would never serve less (every SDK refuses or
 * refreshes such credentials at once).
 */
export function parseExpiration(v: unknown, now: number, field = 'expiration'): Parsed<number> {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) {
    return { ok: false, error: `${field} must be epoch milliseconds (a whole number)` };
  }
  if (n < SECONDS_NOT_MS) return { ok: false, error: `${field} looks like epoch seconds; send epoch milliseconds` };
  if (n > LAST_FOUR_DIGIT_YEAR_MS) return { ok: false, error: `${field} is after the year 9999: send epoch milliseconds of a real expiry` };
  if (n <= now) return { ok: false, error: `${field} is in the past: these credentials have already expired` };
  if (n - now < MIN_SERVE_MS) {
    return { ok: false, error: `${field} leaves less than ${MIN_SERVE_MS / 1000} s: these credentials have already expired for every SDK` };
  }
  return { ok: true, value: n };
}

/**
 * Validates a PUT body (PROTOCOL.md's shape) for the slot `slotName` ('' for the default).
 * Every problem is reported by field name; nothing is half-accepted.
 */
export function parseLoadBody(body: unknown, slotName: string, now: number): Parsed<LoadRequest> {
  if (!isObject(body)) return { ok: false, error: 'body must be a JSON object with ProfileName and Creds' };
  const creds = body.Creds;
  if (!isObject(creds)) return { ok: false, error: 'Creds must be an object' };

  const accountId = parseAccountId(creds.accountId, 'Creds.accountId');
  if (!accountId.ok) return accountId;
  const roleName = parseRoleName(creds.roleName, 'Creds.roleName');
  if (!roleName.ok) return roleName;
  if (typeof creds.accessKeyId !== 'string' || !ACCESS_KEY_ID.test(creds.accessKeyId)) {
    return { ok: false, error: 'Creds.accessKeyId must be an access key id (1-128 printable ASCII characters, no spaces)' };
  }
  const secretAccessKey = secretString(creds.secretAccessKey, 'Creds.secretAccessKey');
  if (!secretAccessKey.ok) return secretAccessKey;
  const sessionToken = secretString(creds.sessionToken, 'Creds.sessionToken');
  if (!sessionToken.ok) return sessionToken;
  const expiration = parseExpiration(creds.expiration, now, 'Creds.expiration');
  if (!expiration.ok) return expiration;

  let profileName = `${accountId.value}:${roleName.value}`;
  if (body.ProfileName !== undefined) {
    if (typeof body.ProfileName !== 'string') return { ok: false, error: 'ProfileName must be a string' };
    const problem = slotNameProblem(body.ProfileName);
    if (problem) return { ok: false, error: `ProfileName: ${problem.replace('slot name', 'name')}` };
    profileName = body.ProfileName;
  }
  if (slotName !== '' && body.ProfileName !== undefined && profileName !== slotName) {
    return { ok: false, error: `ProfileName "${profileName}" does not match the slot "${slotName}"` };
  }
  if (slotName !== '' && body.ProfileName === undefined) profileName = slotName;

  return {
    ok: true,
    value: {
      profileName,
      credentials: {
        accessKeyId: creds.accessKeyId,
        secretAccessKey: secretAccessKey.value,
        sessionToken: sessionToken.value,
        expiration: expiration.value,
        accountId: accountId.value,
        roleName: roleName.value,
      },
      source: 'pushed',
    },
  };
}
