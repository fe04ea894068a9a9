import { Router } from '@koa/router';
import type { Context, Middleware } from 'koa';
import { parseLoadBody } from '../credentials/put-body';
import { DEFAULT_SLOT, slotNameProblem } from '../../common/slot-name';
import { isoSeconds, SlotLimitError, summarise, type SlotStore } from '../credentials/slots';
import { SCOPED_TTL_SECONDS, type BearerToken } from './bearer-token';
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
  const path = ctx.path;
  const raw = path.slice(prefix.length + 1, path.endsWith('/') ? -1 : undefined);
  let name = raw;
  if (raw.includes('%')) {
    try {
      name = decodeURIComponent(raw);
    } catch {
      throw new ApiError(400, 'Slot name is not valid URL escaping');
    }
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

/** The body of POST /token/scoped: `{"slot": "<name>" or "" for the default slot, "ttl": seconds}`. */
function scopedRequest(body: unknown): { slot: string; ttl: number } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, 'Body must be {"slot": "<name>", "ttl": <seconds>}');
  const { slot, ttl = SCOPED_TTL_SECONDS.default } = body as Record<string, unknown>;
  if (typeof slot !== 'string') throw new ApiError(400, 'slot must be a slot name, or "" for the default slot');
  const problem = slot === DEFAULT_SLOT ? undefined : slotNameProblem(slot);
  if (problem) throw new ApiError(400, `Invalid slot name: ${problem}`);
  const { min, max } = SCOPED_TTL_SECONDS;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < min || ttl > max) throw new ApiError(400, `ttl must be a whole number of seconds from ${min} to ${max}`);
  return { slot, ttl };
}

async function loadFromBody(ctx: Context, slots: SlotStore, name: string): Promise<void> {
  const body = await readJsonBody(ctx);
  const parsed = parseLoadBody(body, name, slots.now());
  if (!parsed.ok) throw new ApiError(400, parsed.error);
  try {
    slots.load(name, parsed.value);
  } catch (err) {
    // Too many slots is a conflict with what is loaded; too large credentials, a payload too large.
    if (err instanceof SlotLimitError) throw new ApiError(err.limit === 'slots' ? 409 : 413, err.message);
    throw err;
  }
  sendJson(ctx, 200, OK);
}

export function createRouter(deps: RouteDeps): Router {
  const { slots, token, version } = deps;
  const router = new Router();
  const auth = requireToken(token);

  router.get('/healthcheck', (ctx) => sendJson(ctx, 200, { status: 'ok', version }));
  router.get('/ping', (ctx) => sendJson(ctx, 200, { status: 'ok' }));
  router.get('/version', (ctx) => sendJson(ctx, 200, { name: 'roletray', version }));

  // Scoped tokens: asked for with the owner's token (`auth` refuses scoped ones), for exec children and containers.
  router.post('/token/scoped', auth, async (ctx) => {
    const { slot, ttl } = scopedRequest(await readJsonBody(ctx));
    const grant = token.issue(slot, ttl);
    sendJson(ctx, 200, { token: grant.token, id: grant.id, slot: grant.slot, expiration: isoSeconds(grant.expiresAt) });
  });
  router.delete('/token/scoped/:id', auth, (ctx) => {
    if (!token.revoke(ctx.params.id!)) return sendError(ctx, 404, 'No live scoped token has that id');
    sendJson(ctx, 200, OK);
  });

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

const readSlotOf = (ctx: Context) => (ctx.path === '/' ? DEFAULT_SLOT : slotNameOf(ctx, ctx.path.startsWith('/slot/') ? '/slot' : '/creds'));

/** The slot a scoped token asks to read; undefined for a bad name, which no scoped token may read. */
function scopedReadOf(ctx: Context): string | undefined {
  try {
    return readSlotOf(ctx);
  } catch {
    return undefined;
  }
}

/**
 * The hot path, ahead of the router: every SDK call on the machine is a `GET /` or
 * `GET /slot/<name>`. Answered here by a test of the path (no scan of the route table), with the
 * router's handler. The owner's token reads every slot; a scoped token only its own, and only
 * here: the router accepts the owner's token alone, so a scoped token can list, load or unload nothing.
 */
export function credentialReads(deps: Pick<RouteDeps, 'slots' | 'token' | 'beforeRead'>): Middleware {
  return (ctx, next) => {
    if (ctx.method !== 'GET' || (ctx.path !== '/' && !NAMED.test(ctx.path))) return next();
    const header = ctx.req.headers.authorization;
    if (!deps.token.accepts(header)) {
      const slot = scopedReadOf(ctx);
      if (slot === undefined || !deps.token.allowsRead(header, slot)) return sendError(ctx, 403, 'Invalid authorization token');
    }
    return serveCredentials(ctx, deps, readSlotOf(ctx));
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
