/**
 * An error written for a person: its message says what went wrong and what to do next, and every
 * door (IPC, dev bridge, control socket, HTTP, CLI) shows it as it is. Anything else that is thrown
 * is a fault: a door logs it by name and answers generically (koa's `expose`, smithy's
 * `ProviderError`). Each subclass sets `name`, so logs say which kind it was.
 */
export class UserError extends Error {
  /** What koa reads to decide whether a client may see the message. */
  readonly expose = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserError';
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}

/** What a door shows for a failure: the message of a UserError, else `generic`. */
export function messageFor(err: unknown, generic: string): string {
  return isUserError(err) ? err.message : generic;
}

/**
 * One line for a person or a log, from whatever was thrown, SDK errors included: their name says
 * which (`UnauthorizedException`), OAuth errors carry `error_description`.
 */
export function describeError(err: unknown): string {
  const e = err as { name?: string; message?: string; error_description?: string } | null;
  const detail = e?.error_description ?? e?.message ?? String(err);
  return e?.name && e.name !== 'Error' && e.name !== 'UserError' && !isUserError(err) ? `${e.name}: ${detail}` : detail;
}
