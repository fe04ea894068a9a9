// main/token: the bearer token: its rules, generation, storage in the secret store and the token
// file. It may import secrets/, server/ (the live token it sets) and common/.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { removeFile, writeFileAtomic } from '../secrets/atomic-file';
import type { SecretStore } from '../secrets/secret-store';
import type { BearerToken } from '../server/bearer-token';
import { tokenProblem } from './token-rules';
import { UserError } from '../../common/user-error';

export const TOKEN_SECRET = 'bearer-token';
const TOKEN_BYTES = 32;

/** A token the user typed that cannot be used; the message says why. */
export class TokenError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

export interface TokenServiceDeps {
  secrets: SecretStore;
  /** The running server's token: changed here, checked on the very next request. */
  token: BearerToken;
  /** Told before auth goes off (so the container address is dropped first) and after it comes on. */
  setAuth?: (on: boolean) => Promise<unknown>;
  /** The token file setting, read at each change. */
  tokenFile?: () => string | null;
}

/**
 * The bearer token's life: generate, set, reveal, rotate, delete. The value lives only in the
 * secret store (and the token file, when the user asks for one); the running server follows every
 * change at once, without a restart.
 */
export class TokenService {
  constructor(private readonly deps: TokenServiceDeps) {}

  /** Puts the stored token (if any) into the server; true when auth is on. */
  async load(): Promise<boolean> {
    const value = await this.deps.secrets.get(TOKEN_SECRET);
    this.deps.token.set(value);
    return value !== undefined;
  }

  get enabled(): boolean {
    return this.deps.token.enabled;
  }

  /** A new random token (32 bytes, base64url); also what "rotate" does. Returns it so the UI can show it once. */
  async generate(): Promise<string> {
    const value = randomBytes(TOKEN_BYTES).toString('base64url');
    await this.apply(value);
    return value;
  }

  /** The user's own token, if `tokenProblem` finds nothing wrong with it. */
  async set(value: string): Promise<void> {
    const problem = tokenProblem(value);
    if (problem) throw new TokenError(`Cannot use that token: ${problem}.`);
    await this.apply(value);
  }

  /** The token's value, for a person who asked to see or copy it. */
  reveal(): Promise<string | undefined> {
    return this.deps.secrets.get(TOKEN_SECRET);
  }

  /** Turns auth off: the container address goes first, then the token, its secret and its file. */
  async delete(): Promise<void> {
    await this.deps.setAuth?.(false);
    this.deps.token.set(undefined);
    await this.deps.secrets.delete(TOKEN_SECRET);
    const file = this.deps.tokenFile?.();
    if (file) await removeFile(file);
  }

  /** Writes the token to `path` for `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`: 0600, no trailing newline (botocore would send it). */
  async writeFile(path: string): Promise<void> {
    const value = await this.reveal();
    if (value === undefined) throw new TokenError('There is no bearer token to write; generate or set one first.');
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFileAtomic(path, value, 0o600);
  }

  private async apply(value: string): Promise<void> {
    // Stored first: a token the server accepts must also survive a restart.
    await this.deps.secrets.set(TOKEN_SECRET, value);
    this.deps.token.set(value);
    const file = this.deps.tokenFile?.();
    if (file) await this.writeFile(file);
    await this.deps.setAuth?.(true);
  }
}
