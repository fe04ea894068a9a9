import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
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

function bind(handler: Handler, host: string, port: number, tls: TlsMaterial | undefined): Promise<http.Server> {
  // Idle or slow sockets must not pin the server: every SDK call on the machine depends on it.
  // Node enforces headersTimeout only when it checks connections (every 30 s by default), so check each second.
  const options = { connectionsCheckingInterval: 1_000, headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 };
  const server = tls
    ? https.createServer({ ...options, cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, handler)
    : http.createServer(options, handler);
  // A socket that never sends a byte is not covered by the request timeouts: close it after a while.
  server.setTimeout(15_000, (socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => reject(describe(err, host, port));
    server.once('error', onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', onError);
      resolve(server);
    });
  });
}

function shut(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Listens on loopback (and any extra addresses) with the given handler; http, or https only when TLS material is given. */
export async function listen(handler: Handler, config: ListenConfig): Promise<Listening> {
  const host = config.host ?? DEFAULT_HOST;
  if (!isLoopback(host)) throw new ListenError(`Refusing to listen on ${host}: RoleTray listens on loopback only.`, 'ENOTLOOPBACK');
  const servers: http.Server[] = [];
  try {
    const first = await bind(handler, host, config.port, config.tls);
    servers.push(first);
    const port = (first.address() as AddressInfo).port;
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
