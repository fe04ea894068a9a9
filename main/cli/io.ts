import { readFileSync } from 'node:fs';
import { UserError } from '../../common/user-error';
import { checkOwnership } from '../secrets/ownership';
import type { Terminal } from './terminal';

/** What a command may touch of the outside world; the entry point passes the real process. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopSignal: () => Promise<string>;
  /** Present when stdin is a terminal: a person who can be asked (an MFA code, a secret key). */
  terminal?: Terminal;
  /** Present when stderr is a terminal: a status line rewritten in place while a command waits (undefined clears it). */
  statusLine?: (text: string | undefined) => void;
}

/** A failure with a one-line reason; `usage` errors exit 2, others 1. */
export class CliError extends UserError {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function usageError(message: string): CliError {
  return new CliError(message, 2);
}

export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new CliError(`cannot read ${what} ${path}: ${why}`);
  }
}

/** A token file's content; one trailing newline is forgiven here (botocore would send it, so `serve` warns). */
export function readTokenFile(path: string): string {
  checkOwnership(path, 'token file');
  return readTextFile(path, 'token file').replace(/\r?\n$/, '');
}
