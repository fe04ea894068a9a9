import type { Middleware } from 'koa';
import type { BearerToken } from './bearer-token';
import { sendError } from './errors';

export const LOOPBACK_HOSTNAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

/** How many `Host` lines the request carried (Node keeps only the first in `headers`). */
function hostLines(rawHeaders: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (name.length === 4 && name.toLowerCase() === 'host') count++;
  }
  return count;
}

const ABSOLUTE_FORM = /^https?:\/\/([^/?#]*)/i;
const HOST_NOT_ALLOWED = 'Host not allowed: use http://127.0.0.1:<port>/ (this server answers only local clients)';

/**
 * DNS-rebinding guard: the Host header must name a loopback address (or a configured container
 * address) and the port the request actually arrived on. A page whose host name was re-pointed at
 * 127.0.0.1 still sends its own name here, and Chromium adds no Sec-Fetch headers for such hosts,
 * so this check is what stops it. The framing around it is strict, so that no proxy or parser in
 * between can read another host than this check did: one Host line only, and an absolute-form
 * target (`GET http://name/ HTTP/1.1`), whose authority takes the place of Host (RFC 9112
 * §3.2.2), must name an allowed host too.
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
    const req = ctx.req;
    if (hostLines(req.rawHeaders) > 1) return sendError(ctx, 400, 'More than one Host header');
    const port = req.socket.localPort;
    const allowed = port === undefined ? undefined : allowedFor(port);
    const url = req.url ?? '';
    const target = url.charCodeAt(0) === 0x2f ? undefined : ABSOLUTE_FORM.exec(url)?.[1];
    if (target !== undefined) {
      if (allowed?.has(target.toLowerCase())) return next();
      return sendError(ctx, 400, 'The request target names a host this server does not answer: use http://127.0.0.1:<port>/');
    }
    const host = req.headers.host;
    if (!host || !allowed?.has(host.toLowerCase())) return sendError(ctx, 403, HOST_NOT_ALLOWED);
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
