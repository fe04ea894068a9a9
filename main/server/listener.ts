import http from 'node:http';
import { isIP } from 'node:net';
import type net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { SocketDeadlines } from './socket-deadlines';
import { UserError } from '../../common/user-error';

export const DEFAULT_HOST = '127.0.0.1';

export interface TlsMaterial {
  cert: string;
  key: string;
}

export interface ListenConfig {
  port: number;
  /** Loopback address to bind; 127.0.0.1 unless told otherwise. */
  host?: string;
  tls?: TlsMaterial;
  /** Extra addresses to bind on the same port (a container bridge address). */
  extraAddresses?: readonly string[];
}

export interface Listening {
  readonly port: number;
  readonly host: string;
  readonly https: boolean;
  readonly url: string;
  readonly addresses: readonly string[];
  close(): Promise<void>;
}

type Handler = http.RequestListener;

/** A listen failure, worded for the person who has to act on it. */
export class ListenError extends UserError {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ListenError';
  }
}

export function isLoopback(address: string): boolean {
  if (isIP(address) === 4) return address.startsWith('127.');
  return address === '::1';
}

export function baseUrl(host: string, port: number, secure: boolean): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return `${secure ? 'https' : 'http'}://${h}:${port}/`;
}

/** What to do about a port in use, as the command line says it. */
export const PORT_IN_USE_ADVICE = 'Stop it, or choose another port (--port N, ROLETRAY_PORT, or the port setting).';

/** The message with another door's advice for a port in use (the desktop app speaks of its Port setting, not --port). */
export function withPortAdvice(message: string, advice: string): string {
  return message.endsWith(PORT_IN_USE_ADVICE) ? `${message.slice(0, -PORT_IN_USE_ADVICE.length)}${advice}` : message;
}

function describe(err: NodeJS.ErrnoException, host: string, port: number): ListenError {
  switch (err.code) {
    case 'EADDRINUSE':
      return new ListenError(`Port ${port} on ${host} is already in use (another RoleTray or credential server?). ${PORT_IN_USE_ADVICE}`, err.code);
    case 'EACCES':
      return new ListenError(`Not allowed to listen on ${host}:${port}; choose a port above 1023.`, err.code);
    case 'EADDRNOTAVAIL':
      return new ListenError(`Address ${host} does not exist on this machine.`, err.code);
    default:
      return new ListenError(`Cannot listen on ${host}:${port}: ${err.message}`, err.code);
  }
}

/** A connection's peer, the same on a TCP socket and on the TLS socket wrapping it. */
const peerOf = (socket: net.Socket) => `${socket.remoteAddress}|${socket.remotePort}`;

/**
 * Times every wait on the client (SocketDeadlines): from the TCP accept through the TLS handshake,
 * and from the handshake (or accept) to each request. The handshake belongs to the TCP socket, the
 * requests to the TLS socket on it; the peer address ties the two together.
 */
function watchSockets(server: http.Server, deadlines: SocketDeadlines, secure: boolean): void {
  const forgetOnClose = (socket: net.Socket) => socket.once('close', () => deadlines.forget(socket));
  if (!secure) {
    server.on('connection', (socket: net.Socket) => {
      deadlines.wait(socket);
      forgetOnClose(socket);
    });
    return;
  }
  const handshaking = new Map<string, net.Socket>();
  server.on('connection', (raw: net.Socket) => {
    const peer = peerOf(raw);
    handshaking.set(peer, raw);
    deadlines.wait(raw, true);
    raw.once('close', () => {
      deadlines.forget(raw);
      if (handshaking.get(peer) === raw) handshaking.delete(peer);
    });
  });
  server.on('secureConnection', (socket: TLSSocket) => {
    const peer = peerOf(socket);
    const raw = handshaking.get(peer);
    if (raw) {
      handshaking.delete(peer);
      deadlines.forget(raw);
    }
    deadlines.wait(socket);
    forgetOnClose(socket);
  });
}

async function bind(handler: Handler, host: string, port: number, tls: TlsMaterial | undefined): Promise<{ server: http.Server; deadlines: SocketDeadlines }> {
  // Node's header and request timeouts are off: they are enforced by a sweep timer that wakes the
  // process whether or not anyone is connected (the longest interval keeps it asleep). The waits
  // on clients are timed by SocketDeadlines instead, which has a timer only while a client is due.
  const options = { headersTimeout: 0, requestTimeout: 0, connectionsCheckingInterval: 2 ** 31 - 1, keepAliveTimeout: 5_000 };
  const deadlines = new SocketDeadlines();
  const tracked = deadlines.track(handler);
  // node:https (and TLS with it) is loaded only when TLS is on: it is a good part of an http server's start.
  const server = tls
    ? (await import('node:https')).default.createServer({ ...options, cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, tracked)
    : http.createServer(options, tracked);
  // `Expect: 100-continue` goes to the app like any request; the body route sends the 100 itself,
  // after the Host, browser and token checks (Node would send it before the app saw the request).
  server.on('checkContinue', tracked);
  watchSockets(server, deadlines, tls !== undefined);
  // A request being answered to a client that stops reading: its writes stall, nothing else moves.
  server.setTimeout(15_000, (socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => reject(describe(err, host, port));
    server.once('error', onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', onError);
      // Once listening, an error is one failed accept (EMFILE under a flood): that client is lost,
      // the server is not. Without a listener Node would throw it and end the process.
      server.on('error', () => undefined);
      resolve({ server, deadlines });
    });
  });
}

function shut({ server, deadlines }: { server: http.Server; deadlines: SocketDeadlines }): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
    // Sockets still in their TLS handshake are not the HTTP server's connections yet, but hold close() open.
    deadlines.closeAll();
  });
}

/** Listens on loopback (and any extra addresses) with the given handler; http, or https only when TLS material is given. */
export async function listen(handler: Handler, config: ListenConfig): Promise<Listening> {
  const host = config.host ?? DEFAULT_HOST;
  if (!isLoopback(host)) throw new ListenError(`Refusing to listen on ${host}: RoleTray listens on loopback only.`, 'ENOTLOOPBACK');
  const servers: { server: http.Server; deadlines: SocketDeadlines }[] = [];
  try {
    const first = await bind(handler, host, config.port, config.tls);
    servers.push(first);
    const port = (first.server.address() as AddressInfo).port;
    for (const address of config.extraAddresses ?? []) {
      servers.push(await bind(handler, address, port, config.tls));
    }
    const secure = config.tls !== undefined;
    return {
      port,
      host,
      https: secure,
      url: baseUrl(host, port, secure),
      addresses: [host, ...(config.extraAddresses ?? [])],
      close: async () => {
        await Promise.all(servers.map(shut));
      },
    };
  } catch (err) {
    await Promise.all(servers.map(shut));
    throw err;
  }
}
