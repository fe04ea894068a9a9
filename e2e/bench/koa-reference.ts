// The koa floor for `npm run bench`: a plain koa app as its documentation would have it, with what
// RoleTray's credential reads need and nothing of RoleTray's: the same Host and browser guards, a
// constant-time token check, a router of the same ~20 routes, and the same JSON answer, serialised
// once (as RoleTray's slots keep it). Run as its own process: `tsx e2e/bench/koa-reference.ts TOKEN BODY`;
// it prints `listening on http://127.0.0.1:<port>/`.
import { Router } from '@koa/router';
import Koa from 'koa';
import { hash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const [token = '', answerText = '{}'] = process.argv.slice(2);
const answer = Buffer.from(answerText);
const digest = (value: string) => hash('sha256', value, 'buffer');
const expected = digest(token);

const app = new Koa();
const router = new Router();

app.use(async (ctx, next) => {
  try {
    await next();
  } catch {
    ctx.status = 500;
    ctx.body = { message: 'Internal error' };
  }
});

let allowedHosts = new Set<string>();
app.use(async (ctx, next) => {
  if (!allowedHosts.has((ctx.get('host') || '').toLowerCase())) ctx.throw(403, 'Host not allowed');
  if (ctx.get('origin') || ctx.get('sec-fetch-site') || ctx.get('sec-fetch-dest')) ctx.throw(403, 'Requests from web browsers are refused');
  await next();
});

const auth: Koa.Middleware = async (ctx, next) => {
  const header = ctx.get('authorization').replace(/^bearer /i, '');
  if (!timingSafeEqual(digest(header), expected)) ctx.throw(403, 'Invalid authorization token');
  await next();
};

/**
 * Fixed answers are JSON serialised once, as RoleTray's are. An object body would also cost koa's
 * body checks (`instanceof ReadableStream`, `Blob`, `Response`), whose first use loads Node's
 * undici: ~15 ms of the start the start bench measures to the first 200, which RoleTray never pays.
 */
const json = (value: unknown): Koa.Middleware => {
  const body = Buffer.from(JSON.stringify(value));
  return (ctx) => {
    ctx.type = 'application/json';
    ctx.body = body;
  };
};
const credentials: Koa.Middleware = (ctx) => {
  ctx.type = 'application/json';
  ctx.body = answer;
};
const ok = json({ code: '200', message: 'OK' });

router.get('/healthcheck', json({ status: 'ok' }));
router.get('/ping', json({ status: 'ok' }));
router.get('/version', json({ name: 'reference' }));
router.post('/token/scoped', auth, ok);
router.delete('/token/scoped/:id', auth, ok);
router.get('/', auth, credentials);
router.put('/', auth, ok);
router.delete('/', auth, ok);
router.get('/profile', auth, ok);
for (const prefix of ['/slot', '/creds']) {
  router.get(prefix, auth, ok);
  router.delete(prefix, auth, ok);
  router.get(`${prefix}/:name`, auth, credentials);
  router.put(`${prefix}/:name`, auth, ok);
  router.delete(`${prefix}/:name`, auth, ok);
}
app.use(router.routes());
app.use(router.allowedMethods());

const server = http.createServer(app.callback());
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set(['127.0.0.1', 'localhost', '[::1]'].map((h) => `${h}:${port}`));
  console.log(`listening on http://127.0.0.1:${port}/`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
