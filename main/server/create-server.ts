import Koa from 'koa';
import type { SlotStore } from '../credentials/slots';
import type { BearerToken } from './bearer-token';
import { ApiError, sendError } from './errors';
import { browserGuard, hostGuard } from './guards';
import { createRouter, notFound } from './routes';

export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface ServerDeps {
  slots: SlotStore;
  token: BearerToken;
  version: string;
  /** Host names besides loopback that may appear in `Host` (the container address, when enabled). */
  extraHostnames?: () => readonly string[];
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
      if (err instanceof ApiError) return sendError(ctx, err.status, err.message);
      // Never echo an unexpected error: it may carry request data.
      deps.log?.error('request failed', { method: ctx.method, path: ctx.path, error: (err as Error).name });
      sendError(ctx, 500, 'Internal error');
    }
  });
  // Errors koa meets outside the middleware (a client aborting a body, bad chunking) go to the
  // structured log by kind only, instead of koa's default stack trace on stderr.
  app.on('error', (err: Error & { code?: string }) => deps.log?.error('request error', { error: err.name, code: err.code }));
  app.use(hostGuard(deps.extraHostnames));
  app.use(browserGuard);
  app.use(router.routes());
  app.use(notFound);
  return app;
}
