import { describe, expect, it } from 'vitest';
import { newToken, tokenProblem } from './token-rules';

describe('newToken', () => {
  it('is 32 random bytes in base64url that never start with "-" (a command line would read an option)', () => {
    // Plain base64url starts with "-" once in 64 tokens: 2,000 of them would show it.
    const tokens = Array.from({ length: 2_000 }, newToken);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-f][A-Za-z0-9_-]{42}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
    // The other first characters all occur: only the top bit of the first byte is fixed.
    expect(new Set(tokens.map((t) => t[0])).size).toBe(32);
  });

  it('passes the rules for a token a user chooses', () => {
    expect(tokenProblem(newToken())).toBeUndefined();
  });
});

describe('tokenProblem', () => {
  it.each([
    ['short', 'the token must be at least 16 characters long'],
    ['has a space in it!!', 'the token must not contain whitespace or control characters'],
    ['tab\tseparated-0123456789', 'the token must not contain whitespace or control characters'],
  ])('refuses %j: %s', (token, problem) => {
    expect(tokenProblem(token)).toBe(problem);
  });
});
