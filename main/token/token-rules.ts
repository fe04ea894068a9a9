import { randomBytes } from 'node:crypto';

// eslint-disable-next-line no-control-regex
const WHITESPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f]/;
export const MIN_TOKEN_LENGTH = 16;
const TOKEN_BYTES = 32;

/** Why a user's own bearer token cannot be used, or undefined when it can. */
export function tokenProblem(token: string): string | undefined {
  if (token.length < MIN_TOKEN_LENGTH) return `the token must be at least ${MIN_TOKEN_LENGTH} characters long`;
  if (WHITESPACE_OR_CONTROL.test(token)) return 'the token must not contain whitespace or control characters';
  return undefined;
}

/**
 * A new random token: 32 bytes in base64url, 43 characters, for the owner's token and the scoped
 * ones alike. The first byte's top bit is cleared, so the first character is a letter (A-Z, a-f):
 * a token never starts with `-`, which a command line would read as an option (255 random bits).
 */
export function newToken(): string {
  const bytes = randomBytes(TOKEN_BYTES);
  bytes[0]! &= 0x7f;
  return bytes.toString('base64url');
}
