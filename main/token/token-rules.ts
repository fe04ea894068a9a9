// eslint-disable-next-line no-control-regex
const WHITESPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f]/;
export const MIN_TOKEN_LENGTH = 16;

/** Why a user's own bearer token cannot be used, or undefined when it can. */
export function tokenProblem(token: string): string | undefined {
  if (token.length < MIN_TOKEN_LENGTH) return `the token must be at least ${MIN_TOKEN_LENGTH} characters long`;
  if (WHITESPACE_OR_CONTROL.test(token)) return 'the token must not contain whitespace or control characters';
  return undefined;
}
