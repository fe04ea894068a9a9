import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN, APP_PAGE_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createRendererProtocolHandler, type Refusal } from './renderer-protocol';

const POLICY = "default-src 'none'; script-src 'self'; style-src 'self'";
const INDEX = `<!doctype html><html><head><meta charset="utf-8" />
<meta
  http-equiv="Content-Security-Policy"
  content="${POLICY}"
/>
<script type="module" crossorigin src="./assets/app.js"></script></head><body></body></html>`;
const SECRET = 'aws_secret_access_key = beside-the-renderer';

interface Site {
  /** The temp folder: the renderer directory, and secrets beside it that must never be served. */
  dir: string;
  root: string;
  refusals: Refusal[];
  handler: (request: Request) => Promise<Response>;
  /** A request as Electron hands it over: the page's URL on the app's scheme. */
  ask(path: string, init?: RequestInit): Promise<Response>;
  /** Every refusal is plain text that loads nothing and names why, and the shell hears of it. */
  expectRefused(res: Response, status: number, reason: RegExp): Promise<void>;
}

/** For the describe that calls it: a fresh built renderer and its handler for each test, removed after it. */
function eachTestASite(): Site {
  const site = {} as Site;
  beforeEach(() => {
    const dir = mkdtempSync(join(tmpdir(), 'roletray-renderer-protocol-'));
    const root = join(dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'assets/app.js'), 'document.title = "RoleTray";\n');
    writeFileSync(join(dir, 'secret.txt'), SECRET);
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(dir, 'outside/secret.txt'), SECRET);
    const refusals: Refusal[] = [];
    const handler = createRendererProtocolHandler(root, { onRefused: (r) => refusals.push(r) });
    Object.assign(site, {
      dir,
      root,
      refusals,
      handler,
      ask: (path: string, init?: RequestInit) => handler(new Request(`${APP_ORIGIN}${path}`, init)),
      expectRefused: (res: Response, status: number, reason: RegExp) => expectRefused(res, status, reason, refusals),
    } satisfies Site);
  });
  afterEach(() => rmSync(site.dir, { recursive: true, force: true }));
  return site;
}

function corsHeaders(res: Response): string[] {
  return [...res.headers.keys()].filter((name) => name.startsWith('access-control-'));
}

async function expectRefused(res: Response, status: number, reason: RegExp, refusals: Refusal[]): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(res.headers.get('content-security-policy')).toBe("default-src 'none'");
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(corsHeaders(res)).toEqual([]);
  const text = await res.text();
  expect(text).not.toContain(SECRET);
  expect(refusals.at(-1)).toMatchObject({ status });
  expect(refusals.at(-1)!.reason).toMatch(reason);
  if (status !== 500) expect(text).toMatch(reason);
}

describe('the app scheme', () => {
  it('is roletray://app, its page index.html', () => {
    expect([APP_SCHEME, APP_ORIGIN, APP_PAGE_URL]).toEqual(['roletray', 'roletray://app', 'roletray://app/index.html']);
  });

  it('is standard, secure and fetch-capable, keeps the CSP and lets no other origin read it', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, supportFetchAPI: true, bypassCSP: false, corsEnabled: false });
    // Electron throws at registration when codeCache is set on a non-standard scheme.
    expect(!APP_SCHEME_PRIVILEGES.codeCache || APP_SCHEME_PRIVILEGES.standard).toBe(true);
  });
});

describe('createRendererProtocolHandler serves the built renderer', () => {
  const site = eachTestASite();

  it.each(['/', '/index.html', ''])('answers %j with index.html, its CSP and nosniff, and no CORS headers', async (path) => {
    const res = await site.ask(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(INDEX)));
    expect(corsHeaders(res)).toEqual([]);
    expect(await res.text()).toBe(INDEX);
    expect(site.refusals).toEqual([]);
  });

  it.each([
    ['assets/app.js', 'text/javascript; charset=utf-8'],
    ['assets/worker.mjs', 'text/javascript; charset=utf-8'],
    ['assets/index.css', 'text/css; charset=utf-8'],
    ['assets/mark.svg', 'image/svg+xml'],
    ['assets/icon.png', 'image/png'],
    ['favicon.ico', 'image/vnd.microsoft.icon'],
    ['assets/inter.woff2', 'font/woff2'],
    ['assets/inter.woff', 'font/woff'],
    ['assets/data.json', 'application/json; charset=utf-8'],
    ['assets/app.js.map', 'application/json; charset=utf-8'],
    ['assets/module.wasm', 'application/wasm'],
    ['LICENSE', 'application/octet-stream'],
  ])('serves %s as %s, byte for byte, under the page CSP', async (path, type) => {
    const bytes = Buffer.from([0x00, 0xff, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Buffer.from(path)]);
    writeFileSync(join(site.root, path), bytes);
    const res = await site.ask(`/${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-security-policy')).toBe(POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });

  it('answers HEAD with the headers a GET would carry and no body', async () => {
    const res = await site.ask('/assets/app.js', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.body).toBeNull();
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-length')).toBe(String(statSync(join(site.root, 'assets/app.js')).size));
    expect(res.headers.get('content-security-policy')).toBe(POLICY);
  });

  it('decodes percent-encoded names (Vite may emit any file name)', async () => {
    writeFileSync(join(site.root, 'assets/a b+é.js'), 'ok');
    const res = await site.ask('/assets/a%20b+%C3%A9.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
  });

  it('follows a symlink that stays inside the renderer directory', async () => {
    symlinkSync(join(site.root, 'assets/app.js'), join(site.root, 'alias.js'));
    const res = await site.ask('/alias.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    ['content first, unquoted and upper-case', `<META content="${POLICY}" HTTP-EQUIV=content-security-policy>`, POLICY],
    ['single quotes', `<meta http-equiv='Content-Security-Policy' content='default-src data:'>`, 'default-src data:'],
  ])('reads the CSP from index.html whatever the attribute order and quoting (%s)', async (_, meta, policy) => {
    writeFileSync(join(site.root, 'index.html'), `<html><head><meta charset="utf-8">${meta}</head></html>`);
    expect((await site.ask('/assets/app.js')).headers.get('content-security-policy')).toBe(policy);
  });

  it('takes only the path: a query or fragment does not change the file', async () => {
    const res = await site.ask('/assets/app.js?v=2#top');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });
});

describe('createRendererProtocolHandler refuses', () => {
  const site = eachTestASite();

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('%s with 405 and Allow: GET, HEAD', async (method) => {
    const res = await site.ask('/index.html', { method, ...(method === 'OPTIONS' ? {} : { body: 'x' }) });
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    await site.expectRefused(res, 405, new RegExp(`${method} is not allowed`));
  });

  it.each([
    ['another host', 'roletray://other/index.html'],
    ['a port', 'roletray://app:8080/index.html'],
    ['no host', 'roletray:/index.html'],
    ['https', 'https://app/index.html'],
    ['http on loopback', 'http://127.0.0.1/index.html'],
    ['file://', 'file:///index.html'],
  ])('%s with 403 (%s)', async (_, url) => {
    await site.expectRefused(await site.handler(new Request(url)), 403, /only roletray:\/\/app\/ is served/);
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2E%2e/%2e./secret.txt', '/.%2e/.%2e/secret.txt'])(
    'a path that climbs out (%s): the dot segments never leave the root, so it is 404',
    async (path) => {
      await site.expectRefused(await site.ask(path), 404, /\/secret\.txt not found/);
    },
  );

  it.each([
    ['an encoded slash', '/..%2fsecret.txt'],
    ['an upper-case encoded slash', '/assets%2F..%2F..%2Fsecret.txt'],
    ['an encoded backslash', '/..%5csecret.txt'],
    ['a NUL', '/index.html%00.png'],
    ['a newline', '/index.html%0a'],
    ['a colon', '/index.html:stream'],
  ])('%s with 400', async (_, path) => {
    await site.expectRefused(await site.ask(path), 400, /encoded separator, a colon or a control character/);
  });

  it('a raw backslash with 400', async () => {
    await site.expectRefused(await site.ask('/..\\secret.txt'), 400, /backslash/);
  });

  it.each(['/%zz.js', '/%e2%82.js', '/%'])('a malformed percent-encoding (%s) with 400', async (path) => {
    await site.expectRefused(await site.ask(path), 400, /malformed percent-encoding/);
  });

  it.each(['//secret.txt', '/assets//app.js', '/assets/'])('an empty path segment (%s) with 400', async (path) => {
    await site.expectRefused(await site.ask(path), 400, /empty segment/);
  });

  it('a directory with 403', async () => {
    await site.expectRefused(await site.ask('/assets'), 403, /\/assets is not a file/);
  });

  it('a symlink to a file outside the root with 403', async () => {
    symlinkSync(join(site.dir, 'secret.txt'), join(site.root, 'leak.txt'));
    await site.expectRefused(await site.ask('/leak.txt'), 403, /\/leak\.txt resolves outside the renderer directory/);
  });

  it('a symlinked directory that leads outside the root with 403', async () => {
    symlinkSync(join(site.dir, 'outside'), join(site.root, 'shared'), 'dir');
    await site.expectRefused(await site.ask('/shared/secret.txt'), 403, /resolves outside the renderer directory/);
  });

  it.skipIf(process.platform === 'win32')('a FIFO with 403 without waiting on it', async () => {
    execFileSync('mkfifo', [join(site.root, 'pipe.js')]);
    await site.expectRefused(await site.ask('/pipe.js'), 403, /\/pipe\.js is not a file/);
  });

  it('a missing file with 404, a path through a file too', async () => {
    await site.expectRefused(await site.ask('/assets/missing.js'), 404, /\/assets\/missing\.js not found/);
    await site.expectRefused(await site.ask('/index.html/app.js'), 404, /\/index\.html\/app\.js not found/);
  });

  it('everything with 404 when the renderer directory is missing', async () => {
    const refusals: Refusal[] = [];
    const unbuilt = createRendererProtocolHandler(join(site.dir, 'not-built'), { onRefused: (r) => refusals.push(r) });
    await expectRefused(await unbuilt(new Request(APP_PAGE_URL)), 404, /the renderer directory is missing/, refusals);
  });

  it('to serve anything without index.html, whose CSP every answer carries', async () => {
    rmSync(join(site.root, 'index.html'));
    await site.expectRefused(await site.ask('/assets/app.js'), 404, /index\.html not found/);
  });

  it('to serve anything when index.html has no CSP meta tag, with 500 that says so', async () => {
    writeFileSync(join(site.root, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    const res = await site.ask('/assets/app.js');
    expect(await res.clone().text()).toMatch(/no Content-Security-Policy meta tag/);
    await site.expectRefused(res, 500, /no Content-Security-Policy meta tag/);
  });

  it('with a generic 500 on an unexpected file-system error, naming it only to the shell', async () => {
    symlinkSync('loop.js', join(site.root, 'loop.js'));
    const res = await site.ask('/loop.js');
    expect(await res.clone().text()).toBe('RoleTray could not read this file\n');
    await site.expectRefused(res, 500, /ELOOP/);
  });

  it('HEAD with the status and no body', async () => {
    const res = await site.ask('/assets/missing.js', { method: 'HEAD' });
    expect(res.status).toBe(404);
    expect(res.body).toBeNull();
  });

  it('tells the shell which request it refused', async () => {
    await site.ask('/nope.js');
    expect(site.refusals).toEqual([{ url: 'roletray://app/nope.js', method: 'GET', status: 404, reason: '/nope.js not found' }]);
  });

  it('without an onRefused listener, still answering', async () => {
    const unheard = await createRendererProtocolHandler(site.root)(new Request(`${APP_ORIGIN}/nope.js`));
    expect(unheard.status).toBe(404);
    expect(await unheard.text()).toBe('/nope.js not found\n');
  });
});
