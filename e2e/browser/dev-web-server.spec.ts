// `npm run dev:web` in dev mode (Vite with HMR) while another local page, on another port of
// 127.0.0.1, tries to read what it serves: the sources and the repository's files, the HMR client
// (which holds Vite's WebSocket token), the HMR socket and the dev bridge. Real Chromium; nothing
// may be readable, and the dev server answers every such request 403 without CORS headers. The
// page itself keeps working, HMR connected.
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test-support/chromium';
import { rawRequest } from '../../test-support/http';

const ROOT = resolve(import.meta.dirname, '../..');

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } });
test.describe.configure({ mode: 'serial' });

let devWeb: ChildProcess;
let pageUrl: string;
let port: number;
let foreign: http.Server;
let foreignOrigin: string;

/** dev-web in dev mode: it prints one JSON line with the page's URL (Vite may log lines of its own). */
async function startDevMode(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test-support/dev-web/dev-web.ts', '--port', '0', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const line = await new Promise<string>((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`dev-web printed nothing in 60 s: ${stderr}`)), 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l, i, all) => i < all.length - 1 && l.startsWith('{"url"'));
      if (line) {
        clearTimeout(timer);
        done(line);
      }
    });
    child.once('exit', (code) => fail(new Error(`dev-web exited with ${code}: ${stderr}`)));
  });
  return { child, url: (JSON.parse(line) as { url: string }).url };
}

test.beforeAll(async () => {
  ({ child: devWeb, url: pageUrl } = await startDevMode());
  port = Number(new URL(pageUrl).port);
  foreign = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>another local page</title>');
  });
  await new Promise<void>((done) => foreign.listen(0, '127.0.0.1', done));
  foreignOrigin = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((done) => foreign?.close(done));
  if (devWeb && devWeb.exitCode === null) {
    const exited = new Promise((done) => devWeb.once('exit', done));
    devWeb.kill('SIGTERM');
    await exited;
  }
});

test('the page itself loads from the dev server, with HMR connected', async ({ page }) => {
  const connected = page.waitForEvent('console', (m) => m.text().includes('[vite] connected'));
  await page.goto(pageUrl);
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  await connected;
});

test('another local page reads nothing: sources, repository files, the HMR client and socket, the dev bridge', async ({ page }) => {
  const statuses: { url: string; status: number; cors: string | undefined }[] = [];
  page.context().on('response', (r) => {
    if (new URL(r.url()).port === String(port)) statuses.push({ url: r.url(), status: r.status(), cors: r.headers()['access-control-allow-origin'] });
  });
  await page.goto(`${foreignOrigin}/`);
  const results = await page.evaluate(
    async ({ base, repo }) => {
      const read = async (path: string, init: RequestInit = {}) => {
        try {
          const r = await fetch(`${base}${path}`, init);
          return { path, status: r.status, type: r.type, text: await r.text() };
        } catch (e) {
          return { path, error: String(e) };
        }
      };
      const socket = () =>
        new Promise<string>((done) => {
          const ws = new WebSocket(`${base.replace('http', 'ws')}/`, 'vite-hmr');
          ws.onopen = () => done('open');
          ws.onerror = () => done('error');
        });
      const script = () =>
        new Promise<string>((done) => {
          const s = document.createElement('script');
          s.type = 'module';
          s.src = `${base}/@vite/client`;
          s.onload = () => done('loaded');
          s.onerror = () => done('error');
          document.head.append(s);
        });
      return {
        reads: [
          await read('/@vite/client'),
          await read('/src/main.tsx'),
          await read('/'),
          await read(`/@fs${repo}/package.json`),
          await read(`/@fs${repo}/common/result.ts`),
          await read('/bridge/op/getState', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
          await read('/@vite/client', { mode: 'no-cors' }),
        ],
        socket: await socket(),
        script: await script(),
      };
    },
    { base: `http://127.0.0.1:${port}`, repo: ROOT },
  );
  for (const r of results.reads) {
    // A network error, or an opaque answer with nothing in it.
    if ('error' in r) expect(r.error, r.path).toMatch(/TypeError/);
    else expect(r, r.path).toMatchObject({ type: 'opaque', status: 0, text: '' });
  }
  expect(results.socket).toBe('error');
  expect(results.script).toBe('error');
  // Chromium reports an answer only where CORS did not stop it first (the no-cors read, the script): those were 403s.
  expect(statuses.length).toBeGreaterThanOrEqual(1);
  for (const s of statuses) {
    expect(s.status, s.url).toBe(403);
    expect(s.cors, s.url).toBeUndefined();
  }
});

test('the dev server serves no file outside the renderer and what it imports, and answers only its own names', async () => {
  const get = (path: string, headers: Record<string, string> = {}, host?: string) => rawRequest(port, { path, headers, ...(host ? { host } : {}) });
  expect((await get('/src/main.tsx')).status).toBe(200);
  expect((await get(`/@fs${ROOT}/common/result.ts`)).status).toBe(200);
  for (const path of [`/@fs${ROOT}/package.json`, `/@fs${ROOT}/main/server/routes.ts`, `/@fs${ROOT}/preload/index.ts`, `/@fs${ROOT}/.git/config`, `/@fs${ROOT}/common/../package.json`]) {
    const answer = await get(path);
    expect(answer.status, path).toBe(403);
    expect(answer.text, path).not.toContain('"name": "roletray"');
  }
  expect((await get('/', {}, `evil.test:${port}`)).status).toBe(403);
  expect((await get('/', {}, `127.0.0.1:${port + 1}`)).status).toBe(403);
  expect((await get('/@vite/client', { origin: foreignOrigin })).status).toBe(403);
  expect((await get('/@vite/client', { 'sec-fetch-site': 'same-site' })).status).toBe(403);
  // Refused before the proxy to the dev bridge, too.
  const bridge = await rawRequest(port, { method: 'POST', path: '/bridge/op/getState', headers: { origin: foreignOrigin, 'content-type': 'application/json' }, body: '{}' });
  expect(bridge).toMatchObject({ status: 403, text: 'Only the RoleTray page itself may use this server.\n' });
  // Bound to 127.0.0.1 itself, not to every address: another loopback address finds nothing.
  const elsewhere = await new Promise<string>((done) => {
    http.get({ host: '127.0.0.2', port, path: '/' }, (res) => done(String(res.statusCode))).on('error', (e: NodeJS.ErrnoException) => done(e.code ?? 'error'));
  });
  expect(elsewhere).toBe('ECONNREFUSED');
});
