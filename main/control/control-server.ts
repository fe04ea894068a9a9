import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, rename, unlink } from 'node:fs/promises';
import net from 'node:net';
import { fail } from '../../common/result';
import { UserError } from '../../common/user-error';
import type { AppState, Result } from '../../preload/api';
import { createDoor, type AppFacade } from '../app/ipc-door';
import { checkOwnership } from '../secrets/ownership';
import { VERSION } from '../version';
import { connectControl } from './control-client';
import { ownerLabel, readLines, PROTOCOL_VERSION, type Greeting, type OwnerInfo, type Reply } from './control-protocol';
import { controlPath } from './socket-path';

/** What the channel answers with: the operations through the door, and the state for subscribers. */
export interface ControlTarget {
  call(op: string, arg: unknown): Promise<Result<unknown>>;
  state(): AppState;
  subscribe(listener: (state: AppState) => void): () => void;
}

/** Another process holds the directory; the message names it and what to do. */
export class OwnerRunningError extends UserError {
  constructor(
    readonly owner: OwnerInfo,
    readonly configDir: string,
    advice: string,
  ) {
    super(`${ownerLabel(owner)} already holds the configuration directory ${configDir}. ${advice}`);
    this.name = 'OwnerRunningError';
  }
}

export interface ClaimOptions {
  kind: OwnerInfo['kind'];
  /** For `cli`: the command that holds the directory. */
  command?: string;
  /** What the person should do when another owner runs (it depends on who is starting). */
  advice: string;
  /** How long to wait for a command-line command to let go of the directory (they hold it for moments, `login` longer). */
  waitForCliMs?: number;
  platform?: NodeJS.Platform;
  log?: (message: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The directory that holds the socket must be the person's own and closed to everyone else: that,
 * not the socket's mode, is what keeps other users out (Node cannot read a Unix peer's uid, and no
 * maintained package does it with prebuilt binaries, so the channel trusts the filesystem).
 */
async function privateDir(dir: string, platform: NodeJS.Platform): Promise<void> {
  const notDirectory = new UserError(`${dir} is a file, not a directory: RoleTray keeps its configuration in a directory there; move that file away`);
  await mkdir(dir, { recursive: true, mode: 0o700 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EEXIST') throw notDirectory;
    if (err.code === 'ENOTDIR') throw new UserError(`The configuration directory ${dir} cannot be made: a folder on its path is a file`);
    throw err;
  });
  if (platform === 'win32') return;
  const info = await lstat(dir);
  if (!info.isDirectory()) throw notDirectory;
  // A directory of one's own that others can look into is closed; one of another user is refused, with the fix.
  if ((info.mode & 0o077) !== 0 && info.uid === process.getuid?.()) await chmod(dir, 0o700);
  checkOwnership(dir, 'configuration directory');
}

function listenOn(path: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/**
 * The socket of the owner of one configuration directory. Claiming it is what makes a process the
 * owner: one per directory. A live owner refuses the claim; a socket file left by an owner that
 * crashed is moved aside (under a name of its own, so of two processes starting at once only one
 * removes it) and replaced.
 */
export class ControlServer {
  private target: ControlTarget | undefined;
  private readonly waiting: (() => void)[] = [];
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly path: string,
    readonly owner: OwnerInfo,
    private readonly log?: (message: string) => void,
  ) {
    server.on('connection', (socket) => this.accept(socket));
  }

  static async claim(configDir: string, options: ClaimOptions): Promise<ControlServer> {
    const platform = options.platform ?? process.platform;
    const path = controlPath(configDir, platform);
    await privateDir(configDir, platform);
    const owner: OwnerInfo = { kind: options.kind, pid: process.pid, version: VERSION, ...(options.command ? { command: options.command } : {}) };
    const cliDeadline = Date.now() + (options.waitForCliMs ?? 3000);
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        const server = await listenOn(path);
        if (platform !== 'win32') await chmod(path, 0o600);
        const control = new ControlServer(server, path, owner, options.log);
        if (owner.kind === 'cli') control.serve(refusing(`${ownerLabel(owner)} is using this configuration directory; RoleTray itself is not running`));
        return control;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      }
      const probe = await connectControl(path);
      if (probe.state === 'owner') {
        probe.client.close();
        if (probe.client.owner.kind !== 'cli' || Date.now() >= cliDeadline) throw new OwnerRunningError(probe.client.owner, configDir, options.advice);
        await sleep(100);
      } else if (probe.state === 'stale' && platform !== 'win32') {
        await replaceStale(path);
      } else {
        // A pipe between its owner's end and the next claim, or a socket that vanished meanwhile.
        await sleep(50);
      }
    }
    throw new UserError(`Could not claim the control socket ${path}: it kept changing hands`);
  }

  /** Starts answering: requests that came before wait for this. */
  serve(target: ControlTarget): void {
    this.target = target;
    for (const wake of this.waiting.splice(0)) wake();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private ready(): Promise<ControlTarget> {
    const target = this.target;
    if (target) return Promise.resolve(target);
    return new Promise((resolve) => this.waiting.push(() => resolve(this.target!)));
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setEncoding('utf8');
    const send = (message: Greeting | Reply) => {
      if (socket.writable) socket.write(`${JSON.stringify(message)}\n`);
    };
    send({ roletray: 'control', protocol: PROTOCOL_VERSION, owner: this.owner });
    readLines(
      socket,
      (line) => void this.handle(line, send, socket),
      (err) => {
        send({ id: 0, result: fail(err.message) });
        socket.destroy();
      },
    );
  }

  private async handle(line: string, send: (m: Reply) => void, socket: net.Socket): Promise<void> {
    let request: { id?: unknown; op?: unknown; arg?: unknown; subscribe?: unknown };
    try {
      request = JSON.parse(line) as typeof request;
    } catch {
      send({ id: 0, result: fail('a control request must be one JSON object per line') });
      return void socket.destroy();
    }
    const id = request?.id;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1 || (typeof request.op !== 'string' && request.subscribe !== true)) {
      send({ id: 0, result: fail('a control request needs a positive integer "id" and an "op" name (or "subscribe": true)') });
      return void socket.destroy();
    }
    const target = await this.ready();
    try {
      if (request.subscribe === true) {
        send({ state: target.state() });
        const off = target.subscribe((state) => send({ state }));
        socket.once('close', off);
        return;
      }
      send({ id, result: await target.call(request.op as string, request.arg) });
    } catch (err) {
      if (err instanceof UserError) return send({ id, result: fail(err.message) });
      this.log?.(`control request ${String(request.op)} failed: ${(err as Error).name}`);
      send({ id, result: fail('Internal error; see the log') });
    }
  }
}

/** A stale socket is moved aside first: only the process whose rename succeeds removes it, and a live one found there is put back. */
async function replaceStale(path: string): Promise<void> {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const probe = await connectControl(aside);
  if (probe.state === 'owner') {
    probe.client.close();
    await rename(aside, path);
  } else {
    await unlink(aside).catch(() => undefined);
  }
}

/** The channel of an owner that runs no core (a command-line command holding the directory): every operation refused. */
function refusing(message: string): ControlTarget {
  return {
    call: async () => fail(message),
    state: () => {
      throw new UserError(message);
    },
    subscribe: () => () => undefined,
  };
}

/** The channel of a running core: its operations through the same validating door as IPC, and its state. */
export function coreTarget(core: AppFacade, log: (message: string) => void): ControlTarget {
  // Only this user reaches the socket (its directory is 0700), so every caller on it is trusted;
  // the door still checks each operation's name and argument.
  const door = createDoor(core.ops, () => true, log);
  return {
    call: (op, arg) => door(op, 'control socket', arg),
    state: () => core.state(),
    subscribe: (listener) => core.subscribe(listener),
  };
}
