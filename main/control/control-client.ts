import net from 'node:net';
import { UserError } from '../../common/user-error';
import type { AppState, Arg, OperationName, Result, Ret } from '../../preload/api';
import { isGreeting, LineSplitter, ownerLabel, PROTOCOL_VERSION, readLines, type Greeting, type OwnerInfo, type Reply } from './control-protocol';

/** How long a listening socket has to say it is RoleTray's before it counts as someone else's. */
const GREETING_MS = 3000;

/** What is at a control path: nobody, a socket left by an owner that died, or a live owner. */
export type Probe = { state: 'absent' } | { state: 'stale' } | { state: 'owner'; client: ControlClient };

/**
 * Connects to the owner of a configuration directory, if there is one. A socket file nobody
 * listens on is `stale` (its owner crashed); a listener that does not greet like RoleTray is refused.
 */
export function connectControl(path: string): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(path);
    socket.setEncoding('utf8');
    const splitter = new LineSplitter();
    const timer = setTimeout(() => fail(new UserError(`${path} accepts connections but does not answer as RoleTray's control socket`)), GREETING_MS);
    const fail = (err: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    };
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err.code === 'ENOENT') resolve({ state: 'absent' });
      else if (err.code === 'ECONNREFUSED') resolve({ state: 'stale' });
      else if (err.code === 'EACCES' || err.code === 'EPERM') reject(new UserError(`Not allowed to reach the control socket ${path}: it belongs to another user`));
      else reject(err);
    });
    const onData = (chunk: string) => {
      let first: unknown;
      try {
        const lines = splitter.push(chunk);
        if (lines.length === 0) return;
        first = JSON.parse(lines[0]!);
      } catch {
        return fail(new UserError(`${path} does not answer as RoleTray's control socket`));
      }
      if (!isGreeting(first)) return fail(new UserError(`${path} does not answer as RoleTray's control socket`));
      clearTimeout(timer);
      socket.off('data', onData);
      socket.removeAllListeners('error');
      resolve({ state: 'owner', client: new ControlClient(socket, first) });
    };
    socket.on('data', onData);
  });
}

/**
 * One connection to the owner: operations by name with their typed argument and Result, and the
 * state as it changes. The connection holds the process open only while a call or a subscription
 * waits, so a command that forgets to close it still exits.
 */
export class ControlClient {
  readonly owner: OwnerInfo;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Result<unknown>) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(state: AppState) => void>();
  private subscribed = false;
  private ended: Error | undefined;

  constructor(
    private readonly socket: net.Socket,
    private readonly greeting: Greeting,
  ) {
    this.owner = greeting.owner;
    readLines(
      socket,
      (line) => this.receive(line),
      (err) => this.end(err),
    );
    socket.on('error', (err) => this.end(err));
    socket.on('close', () => this.end(new UserError(`${ownerLabel(this.owner)} closed the control connection`)));
    this.hold();
  }

  call<K extends OperationName>(op: K, ...arg: Arg<K> extends void ? [] : [Arg<K>]): Promise<Result<Ret<K>>> {
    if (this.greeting.protocol !== PROTOCOL_VERSION) {
      return Promise.reject(
        new UserError(`${ownerLabel(this.owner)} is RoleTray ${this.owner.version}, which speaks another control protocol than this roletray: use the roletray command of the same version`),
      );
    }
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextId++;
    const answer = new Promise<Result<Ret<K>>>((resolve, reject) => this.pending.set(id, { resolve: resolve as (r: Result<unknown>) => void, reject }));
    this.socket.write(`${JSON.stringify({ id, op, arg: arg[0] })}\n`);
    this.hold();
    return answer;
  }

  /** Calls `listener` with the current state, then with every new one, until the returned function is called. */
  onState(listener: (state: AppState) => void): () => void {
    this.listeners.add(listener);
    if (!this.subscribed && !this.ended) {
      this.subscribed = true;
      this.socket.write(`${JSON.stringify({ id: this.nextId++, subscribe: true })}\n`);
    }
    this.hold();
    return () => {
      this.listeners.delete(listener);
      this.hold();
    };
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(line: string): void {
    let reply: Reply;
    try {
      reply = JSON.parse(line) as Reply;
    } catch {
      return this.end(new UserError(`${ownerLabel(this.owner)} sent a malformed control message`));
    }
    if ('state' in reply) {
      for (const listener of this.listeners) listener(reply.state);
      return;
    }
    const waiting = this.pending.get(reply.id);
    if (!waiting) {
      // Id 0: the owner could not tell which request it refuses, so it refuses them all.
      if (reply.id === 0 && !reply.result.ok) this.end(new UserError(reply.result.error));
      return;
    }
    this.pending.delete(reply.id);
    waiting.resolve(reply.result);
    this.hold();
  }

  private end(err: Error): void {
    if (this.ended) return;
    this.ended = err;
    for (const { reject } of this.pending.values()) reject(err);
    this.pending.clear();
    this.socket.destroy();
  }

  private hold(): void {
    if (this.pending.size > 0 || this.listeners.size > 0) this.socket.ref();
    else this.socket.unref();
  }
}
