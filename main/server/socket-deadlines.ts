import type http from 'node:http';
import type net from 'node:net';

/**
 * How long the server waits for a client: for a TLS handshake to finish, for a request (headers,
 * then its body for routes that read one) to arrive after the connection opens or after the
 * previous answer. Absolute, not idle: a client sending a byte now and then gains nothing.
 */
export const CLIENT_WAIT_MS = 10_000;

/**
 * Sockets the server waits on at once. Past this, the one waiting longest is closed, so a crowd
 * of silent sockets cannot use up the process's file descriptors and lock real clients out.
 * Far below the descriptor limit Node starts with (it raises the soft limit to the hard one).
 */
export const MAX_WAITING_SOCKETS = 4_096;

const REQUEST_TIMEOUT = Buffer.from('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n', 'latin1');

interface Waiting {
  deadline: number;
  /** Still in the TLS handshake: nothing can be written to it in clear. */
  handshake: boolean;
}

/**
 * The sockets the server is waiting on, in the order they started waiting, which is also the
 * order of their deadlines (all waits are equally long). One timer, armed for the first deadline
 * and only while something waits, serves them all: an idle server has no timer at all.
 * Node's own checks do not fit: `headersTimeout`/`requestTimeout` need a sweep timer that runs
 * whether or not there are connections, and `socket.setTimeout`/`handshakeTimeout` are idle
 * timers that every trickled byte resets.
 */
export class SocketDeadlines {
  private readonly waiting = new Map<net.Socket, Waiting>();
  private readonly inFlight = new WeakMap<net.Socket, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly waitMs = CLIENT_WAIT_MS,
    private readonly maxWaiting = MAX_WAITING_SOCKETS,
  ) {}

  /** The server now waits on `socket` (just accepted, handshake done, or its answer sent). */
  wait(socket: net.Socket, handshake = false): void {
    this.waiting.delete(socket);
    this.waiting.set(socket, { deadline: performance.now() + this.waitMs, handshake });
    if (this.waiting.size > this.maxWaiting) {
      const [oldest] = this.waiting.keys();
      this.waiting.delete(oldest!);
      oldest!.destroy();
    }
    if (!this.timer) this.arm(this.waitMs);
  }

  /** The socket closed, or its TLS layer took over. */
  forget(socket: net.Socket): void {
    this.waiting.delete(socket);
    // The last one gone: nothing is due, so the process need not wake for it.
    if (this.waiting.size === 0) this.disarm();
  }

  /**
   * Wraps the request handler: a request being answered is not waited on; when its answer is
   * sent (and no other request of the connection is in hand) the wait for the next one starts.
   */
  track(handler: http.RequestListener): http.RequestListener {
    // One listener for every response (a response finishes once), rather than a closure per request.
    const answered = (req: http.IncomingMessage) => {
      const socket = req.socket;
      const left = (this.inFlight.get(socket) ?? 1) - 1;
      this.inFlight.set(socket, left);
      if (left === 0 && !socket.destroyed) this.wait(socket);
    };
    function onFinish(this: http.ServerResponse) {
      answered(this.req);
    }
    return (req, res) => {
      const socket = req.socket;
      this.waiting.delete(socket);
      this.inFlight.set(socket, (this.inFlight.get(socket) ?? 0) + 1);
      res.on('finish', onFinish);
      handler(req, res);
    };
  }

  /** How many sockets are waited on (for tests and figures). */
  get size(): number {
    return this.waiting.size;
  }

  /** Whether a timer is set (for tests: an idle server has none). */
  get armed(): boolean {
    return this.timer !== undefined;
  }

  /** Closes every socket still waited on (the server is shutting down; nothing is owed to them). */
  closeAll(): void {
    this.disarm();
    for (const socket of this.waiting.keys()) socket.destroy();
    this.waiting.clear();
  }

  private disarm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.expire(), Math.max(0, ms));
    this.timer.unref();
  }

  private expire(): void {
    this.timer = undefined;
    const now = performance.now();
    for (const [socket, entry] of this.waiting) {
      if (entry.deadline > now) return this.arm(entry.deadline - now);
      this.waiting.delete(socket);
      // What Node itself answers when headers are late; a socket still in its TLS handshake gets nothing.
      if (!entry.handshake && socket.writable) socket.write(REQUEST_TIMEOUT);
      socket.destroy();
    }
  }
}
