import { Router } from '@koa/router';
import type { Context, Middleware } from 'koa';
import { parseLoadBody } from '../credentials/put-body';
import { DEFAULT_SLOT, slotNameProblem } from '../../common/slot-name';
import { summarise, type SlotStore } from '../credentials/slots';
import type { BearerToken } from './bearer-token';
import { ApiError, sendError, sendJson } from './errors';
import { requireToken } from './guards';
import { readJsonBody } from './json-body';

/**
 * Asked before each credential read: a promise to wait for when the slot is being refreshed (the
 * app's refresh scheduler), undefined when the store's answer stands as it is.
 */
export type BeforeRead = (name: string) => Promise<void> | undefined;

export interface RouteDeps {
  slots: SlotStore;
  token: BearerToken;
  version: string;
  beforeRead?: BeforeRead;
}

const OK = { code: '200', message: 'OK' };
const JSON_TYPE = 'application/json; charset=utf-8';

/** The slot name from the raw path, decoded once here (the router's lenient decoding would let a bad escape through). */
function slotNameOf(ctx: Context, prefix: string): string {
  const raw = ctx.path.slice(prefix.length + 1).replace(/\/$/, '');
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    throw new ApiError(400, 'Slot name is not valid URL escaping');
  }
  const problem = slotNameProblem(name);
  if (problem) throw new ApiError(400, `Invalid slot name: ${problem}`);
  return name;
}

function serveCredentials(ctx: Context, { slots, beforeRead }: Pick<RouteDeps, 'slots' | 'beforeRead'>, name: string): void | Promise<void> {
  const refreshing = beforeRead?.(name);
  if (refreshing) return refreshing.then(() => answerCredentials(ctx, slots, name));
  answerCredentials(ctx, slots, name);
}

function answerCredentials(ctx: Context, slots: SlotStore, name: string): void {
  const slot = slots.servable(name);
  if (!slot) {
    const what = name === DEFAULT_SLOT ? 'the default slot' : `slot "${name}"`;
    sendError(ctx, 404, slots.get(name) ? `Credentials in ${what} have expired` : `No credentials loaded in ${what}`);
    return;
  }
  ctx.status = 200;
  ctx.set('Content-Type', JSON_TYPE);
  ctx.body = slot.answer;
}

async function loadFromBody(ctx: Context, slots: SlotStore, name: string): Promise<void> {
  const body = await readJsonBody(ctx);
  const parsed = parseLoadBody(body, name, slots.now());
  if (!parsed.ok) throw new ApiError(400, parsed.error);
  slots.load(name, parsed.value);
  sendJson(ctx, 200, OK);
}

export function createRouter(deps: RouteDeps): Router {
  const { slots, token, version } = deps;
  const router = new Router();
  const auth = requireToken(token);

  router.get('/healthcheck', (ctx) => sendJson(ctx, 200, { status: 'ok', version }));
  router.get('/ping', (ctx) => sendJson(ctx, 200, { status: 'ok' }));
  router.get('/version', (ctx) => sendJson(ctx, 200, { name: 'roletray', version }));

  router.get('/', auth, (ctx) => serveCredentials(ctx, deps, DEFAULT_SLOT));
  router.put('/', auth, (ctx) => loadFromBody(ctx, slots, DEFAULT_SLOT));
  router.delete('/', auth, (ctx) => {
    slots.unload(DEFAULT_SLOT);
    sendJson(ctx, 200, OK);
  });
  router.get('/profile', auth, (ctx) => {
    const slot = slots.get(DEFAULT_SLOT);
    if (!slot) return sendError(ctx, 404, 'No credentials loaded in the default slot');
    sendJson(ctx, 200, summarise(slot, slots.now()));
  });

  // `/creds` is the older documents' name for `/slot`.
  for (const prefix of ['/slot', '/creds']) {
    router.get(prefix, auth, (ctx) => {
      const now = slots.now();
      sendJson(ctx, 200, slots.named().map((s) => summarise(s, now)));
    });
    router.delete(prefix, auth, (ctx) => {
      slots.unloadNamed();
      sendJson(ctx, 200, OK);
    });
    const named = `${prefix}/:name`;
    router.get(named, auth, (ctx) => serveCredentials(ctx, deps, slotNameOf(ctx, prefix)));
    router.put(named, auth, (ctx) => loadFromBody(ctx, slots, slotNameOf(ctx, prefix)));
    router.delete(named, auth, (ctx) => {
      const name = slotNameOf(ctx, prefix);
      if (!slots.unload(name)) return sendError(ctx, 404, `No credentials loaded in slot "${name}"`);
      sendJson(ctx, 200, OK);
    });
  }
  return router;
}

const NAMED = /^\/(slot|creds)\/[^/]+\/?$/;

/**
 * The hot path, ahead of the router: every SDK call on the machine is a `GET /` or
 * `GET /slot/<name>`. Answered here by a test of the path (no scan of the route table), with the
 * same token check and handler the router has for them; everything else goes on to the router.
 */
export function credentialReads(deps: Pick<RouteDeps, 'slots' | 'token' | 'beforeRead'>): Middleware {
  const auth = requireToken(deps.token);
  const serve: Middleware = (ctx) => {
    const path = ctx.path;
    return serveCredentials(ctx, deps, path === '/' ? DEFAULT_SLOT : slotNameOf(ctx, path.startsWith('/slot/') ? '/slot' : '/creds'));
  };
  return (ctx, next) => {
    if (ctx.method !== 'GET' || (ctx.path !== '/' && !NAMED.test(ctx.path))) return next();
    return auth(ctx, () => serve(ctx, next));
  };
}

/** After the router: 405 for a known path with the wrong method, 404 for anything else. */
export const notFound: Middleware = (ctx) => {
  const matched = (ctx as Context & { matched?: { methods: string[] }[] }).matched ?? [];
  const allowed = [...new Set(matched.flatMap((layer) => layer.methods))];
  if (allowed.length > 0) {
    ctx.set('Allow', allowed.join(', '));
    return sendError(ctx, 405, `Method ${ctx.method} is not allowed on ${ctx.path}`);
  }
  sendError(ctx, 404, `No route for ${ctx.method} ${ctx.path}`);
};
