// main/token: the bearer token: its rules, generation, storage in the secret store and the token
// file. It may import secrets/ and common/; server/ imports its rules (token-rules.ts).
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { removeFile, writeFileAtomic } from '../secrets/atomic-file';
import type { SecretStore } from '../secrets/secret-store';
import { newToken, tokenProblem } from './token-rules';
import { UserError } from '../../common/user-error';

export const TOKEN_SECRET = 'bearer-token';
/** The token file a first start writes, inside the configuration directory. */
export const DEFAULT_TOKEN_FILE = 'token';

/** Said at every start without a token (the `auth: 'none'` setting, `serve --no-token`). */
export const NO_TOKEN_WARNING =
  'The credential server requires no bearer token, so any local user or program can read the credentials it serves. Turn the token on to stop that.';

/** A token the user typed that cannot be used, or a token file that cannot be written; the message says why. */
export class TokenError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

/** The running server's token (server/bearer-token.ts): changed here, checked on the very next request. */
export interface LiveToken {
  set(token: string | undefined): void;
  readonly enabled: boolean;
}

export interface TokenServiceDeps {
  secrets: SecretStore;
  token: LiveToken;
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
  /** A first start's token that the secret store refused to keep: it serves, and is shown, until the process ends. */
  private unsaved: string | undefined;

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

  /**
   * The token of a first start (auth on, none saved). The server requires it at once, before it
   * listens; then it goes to the secret store and the token file. If the store refuses it, it
   * holds for this run only and the error says so. The listener is the caller's to start.
   */
  async generateFirst(): Promise<void> {
    const value = newToken();
    this.deps.token.set(value);
    const refused = await this.deps.secrets.set(TOKEN_SECRET, value).then(
      () => undefined,
      (err: Error) => err,
    );
    if (refused) this.unsaved = value;
    await this.writeConfiguredFile(value);
    if (refused) throw new TokenError(`The generated bearer token could not be kept (${refused.message}); it holds until RoleTray stops`);
  }

  /** A new random token (token-rules' newToken); also what "rotate" does. Returns it so the UI can show it once. */
  async generate(): Promise<string> {
    const value = newToken();
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
  async reveal(): Promise<string | undefined> {
    return (await this.deps.secrets.get(TOKEN_SECRET)) ?? this.unsaved;
  }

  /** Turns auth off: the container address goes first, then the token, its secret and its file. */
  async delete(): Promise<void> {
    await this.deps.setAuth?.(false);
    this.deps.token.set(undefined);
    this.unsaved = undefined;
    await this.deps.secrets.delete(TOKEN_SECRET);
    const file = this.deps.tokenFile?.();
    if (file) await removeFile(file);
  }

  /** Writes the token to `path` for `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`: 0600, no trailing newline (botocore would send it). */
  async writeFile(path: string): Promise<void> {
    const value = await this.reveal();
    if (value === undefined) throw new TokenError('There is no bearer token to write; generate or set one first.');
    await this.writeValue(path, value);
  }

  private async writeConfiguredFile(value: string): Promise<void> {
    const file = this.deps.tokenFile?.();
    if (file) await this.writeValue(file, value);
  }

  private async writeValue(path: string, value: string): Promise<void> {
    try {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await writeFileAtomic(path, value, 0o600);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why =
        code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOTDIR' || code === 'EEXIST' ? `${dirname(path)} is not a directory` : (err as Error).message;
      throw new TokenError(`The token file ${path} could not be written: ${why}`);
    }
  }

  private async apply(value: string): Promise<void> {
    // Stored first: a token the server accepts must also survive a restart.
    await this.deps.secrets.set(TOKEN_SECRET, value);
    this.unsaved = undefined;
    this.deps.token.set(value);
    await this.writeConfiguredFile(value);
    await this.deps.setAuth?.(true);
  }
}
