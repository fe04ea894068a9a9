import type { Middleware } from 'koa';
import type { BearerToken } from './bearer-token';
import { sendError } from './errors';

export const LOOPBACK_HOSTNAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

/**
 * DNS-rebinding guard: the Host header must name a loopback address (or a configured container
 * address) and the port the request actually arrived on. A page whose host name was re-pointed at
 * 127.0.0.1 still sends its own name here, and Chromium adds no Sec-Fetch headers for such hosts,
 * so this check is what stops it.
 */
export function hostGuard(extraHostnames: () => readonly string[] = () => []): Middleware {
  const byPort = new Map<number, { extra: readonly string[]; allowed: Set<string> }>();
  const allowedFor = (port: number): Set<string> => {
    const extra = extraHostnames();
    let entry = byPort.get(port);
    if (!entry || entry.extra !== extra) {
      const names = [...LOOPBACK_HOSTNAMES, ...extra.map((h) => (h.includes(':') ? `[${h}]` : h))];
      entry = { extra, allowed: new Set(names.map((h) => `${h.toLowerCase()}:${port}`)) };
      byPort.set(port, entry);
    }
    return entry.allowed;
  };
  return (ctx, next) => {
    const host = ctx.req.headers.host;
    const port = ctx.req.socket.localPort;
    if (!host || port === undefined || !allowedFor(port).has(host.toLowerCase())) {
      sendError(ctx, 403, 'Host not allowed: use http://127.0.0.1:<port>/ (this server answers only local clients)');
      return;
    }
    return next();
  };
}

/**
 * Browsers are never clients of this server: anything a browser marks as cross-site or as a page
 * load is refused. Node's fetch sends only `Sec-Fetch-Mode`, so scripts keep working.
 */
export const browserGuard: Middleware = (ctx, next) => {
  const h = ctx.req.headers;
  if (h.origin !== undefined || h['sec-fetch-site'] !== undefined || h['sec-fetch-dest'] !== undefined) {
    sendError(ctx, 403, 'Requests from web browsers are refused');
    return;
  }
  return next();
};

export function requireToken(token: BearerToken): Middleware {
  return (ctx, next) => {
    if (!token.accepts(ctx.req.headers.authorization)) {
      sendError(ctx, 403, 'Invalid authorization token');
      return;
    }
    return next();
  };
}
