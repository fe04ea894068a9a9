// main/control: the control channel of the process that owns a configuration directory (the
// desktop app or `roletray serve`): a local socket only its user can reach, carrying the operations
// of preload/api.ts through the same door as IPC. It may import app/ (the door), common/ and node.
import type { AppState, Result } from '../../preload/api';

/** Bumped when a message changes shape, so an old client and a new owner say so instead of misreading each other. */
export const PROTOCOL_VERSION = 1;
/** A request carries at most a certificate and key (64 KiB each) in JSON; anything longer is not a client of ours. */
export const MAX_LINE_BYTES = 1024 * 1024;

/** Who holds the directory: the app and `serve` answer operations; a command-line command holds it only while it works on the files. */
export interface OwnerInfo {
  kind: 'app' | 'serve' | 'cli';
  pid: number;
  version: string;
  /** For `cli`: the command holding the directory (`login`, `auth`, …). */
  command?: string;
}

/** The first line the owner writes on every connection. */
export interface Greeting {
  roletray: 'control';
  protocol: number;
  owner: OwnerInfo;
}

/** Client → owner, one JSON object per line. `subscribe` streams AppState lines until the connection ends. */
export type Request = { id: number; op: string; arg?: unknown } | { id: number; subscribe: true };

/** Owner → client: the answer to request `id`, or a new state for a subscriber. */
export type Reply = { id: number; result: Result<unknown> } | { state: AppState };

/** How a person is told who holds a directory. */
export function ownerLabel(owner: OwnerInfo): string {
  if (owner.kind === 'app') return `the RoleTray app (pid ${owner.pid})`;
  if (owner.kind === 'serve') return `\`roletray serve\` (pid ${owner.pid})`;
  return `\`roletray ${owner.command ?? 'command'}\` (pid ${owner.pid})`;
}

export function isGreeting(value: unknown): value is Greeting {
  const g = value as Partial<Greeting> | null;
  const o = g?.owner as Partial<OwnerInfo> | undefined;
  return g?.roletray === 'control' && typeof g.protocol === 'number' && typeof o?.pid === 'number' && (o.kind === 'app' || o.kind === 'serve' || o.kind === 'cli');
}

/** Splits a byte stream into lines, refusing one longer than MAX_LINE_BYTES. */
export class LineSplitter {
  private pending = '';

  /** The complete lines in `chunk` (with what came before); throws when a line grows past the limit. */
  push(chunk: string): string[] {
    const text = this.pending + chunk;
    const lines = text.split('\n');
    this.pending = lines.pop()!;
    if (Buffer.byteLength(this.pending) > MAX_LINE_BYTES || lines.some((l) => Buffer.byteLength(l) > MAX_LINE_BYTES)) {
      throw new ControlProtocolError(`a control message is longer than ${MAX_LINE_BYTES} bytes`);
    }
    return lines.filter((l) => l.trim() !== '');
  }
}

/** The other end broke the protocol (not RoleTray, another version, a torn connection). */
export class ControlProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ControlProtocolError';
  }
}

/**
 * Feeds each whole line the socket receives to `onLine`, in order. A line over MAX_LINE_BYTES goes
 * to `onOverflow` instead, which ends the conversation: nothing after it is read as a message.
 */
export function readLines(socket: { on(event: 'data', listener: (chunk: string) => void): unknown }, onLine: (line: string) => void, onOverflow: (err: Error) => void): void {
  const splitter = new LineSplitter();
  socket.on('data', (chunk: string) => {
    let lines: string[];
    try {
      lines = splitter.push(chunk);
    } catch (err) {
      return onOverflow(err as Error);
    }
    for (const line of lines) onLine(line);
  });
}
