// main/server: the koa credential server of docs/protocol.md: guards, routes, listener, the lines
// to paste. It may import credentials/, token/ (the token rules), common/ and node/koa; it knows nothing
// of SSO, the app or Electron.
import Koa from 'koa';
import type { SlotStore } from '../credentials/slots';
import type { BearerToken } from './bearer-token';
import { ApiError, sendError } from './errors';
import { browserGuard, hostGuard } from './guards';
import { createRouter, credentialReads, notFound, type BeforeRead } from './routes';
import { isUserError } from '../../common/user-error';

const CLIENT_GONE = new Set(['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface ServerDeps {
  slots: SlotStore;
  token: BearerToken;
  version: string;
  /** Host names besides loopback that may appear in `Host` (the container address, when enabled). */
  extraHostnames?: () => readonly string[];
  beforeRead?: BeforeRead;
  log?: Logger;
}

/** The credential server as a koa app. No side effects: listening, ports and TLS belong to the caller. */
export function createServer(deps: ServerDeps): Koa {
  const app = new Koa();
  const router = createRouter(deps);

  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      // A refusal written for the client (koa's `expose`); anything else is a fault.
      if (isUserError(err)) return sendError(ctx, err instanceof ApiError ? err.status : 400, err.message);
      // Never echo an unexpected error: it may carry request data.
      deps.log?.error('request failed', { method: ctx.method, path: ctx.path, error: (err as Error).name });
      sendError(ctx, 500, 'Internal error');
    }
  });
  // Errors koa meets outside the middleware go to the structured log by kind only, instead of
  // koa's default stack trace on stderr. A client's own broken request (bad chunking, an aborted
  // body) was already answered or dropped: it is not the server's error and is not logged.
  app.on('error', (err: Error & { code?: string }) => {
    if (err.code?.startsWith('HPE_') || CLIENT_GONE.has(err.code ?? '')) return;
    deps.log?.error('request error', { error: err.name, code: err.code });
  });
  app.use(hostGuard(deps.extraHostnames));
  app.use(browserGuard);
  app.use(credentialReads(deps));
  app.use(router.routes());
  app.use(notFound);
  return app;
}
