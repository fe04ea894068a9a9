// A hostile web page in real Chromium tries every way a page can reach the credential server:
// fetch (cors / no-cors, with and without the token), XMLHttpRequest, form posts, <img>,
// <script>, top-level navigation, and DNS rebinding (its own host name pointed at 127.0.0.1 on
// the server's port). The page must never read credentials, no slot may change, and the server
// must have refused every request that reached it with 403.
import { expect, test, type Page } from '@playwright/test';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test-support/chromium';
import { putBody } from '../../test-support/credentials';
import { rawRequest } from '../../test-support/http';
import { startObservedServer, type ObservedServer, type SeenRequest } from '../../test-support/observed-server';

const TOKEN = 'browser-token-0123456789abcdefghij';
const EVIL = 'evil.test';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${EVIL} 127.0.0.1`] } });

test.describe('a hostile page in real Chromium against the credential server', () => {
  // One server and one attacker site for every attempt; after each, no slot may have changed.
  test.describe.configure({ mode: 'serial' });

  let cred: ObservedServer;
  let evil: http.Server;
  let evilOrigin: string;
  let secrets: string[];
  let before: string;

  const slotState = () => JSON.stringify(cred.slots.all().map((s) => [s.name, s.profileName, s.answer.toString('base64')]));

  test.beforeAll(async () => {
    cred = await startObservedServer(TOKEN);
    secrets = [TOKEN];
    for (const [path, name] of [['/', 'default:Admin'], ['/slot/dev', 'dev']] as const) {
      const body = putBody(name);
      secrets.push(body.Creds.secretAccessKey, body.Creds.sessionToken, body.Creds.accessKeyId);
      const put = await rawRequest(cred.port, {
        method: 'PUT',
        path,
        headers: { authorization: TOKEN, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(put.status).toBe(200);
    }
    before = slotState();
    // The attacker's site: an empty page on another port, reached as http://evil.test:<port>/.
    evil = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>evil</title><iframe name="sink"></iframe>');
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilOrigin = `http://${EVIL}:${(evil.address() as AddressInfo).port}`;
  });

  test.afterAll(async () => {
    await new Promise((resolve) => evil?.close(resolve));
    await cred?.close();
  });

  /** What the server sees from here on. */
  function watch() {
    const from = cred.seen.length;
    return () => cred.seen.slice(from);
  }

  /** The statuses Chromium itself reports for responses from the credential server. */
  function responsesFromServer(page: Page) {
    const statuses: { url: string; method: string; status: number }[] = [];
    page.context().on('response', (r) => {
      if (new URL(r.url()).port === String(cred.port)) statuses.push({ url: r.url(), method: r.request().method(), status: r.status() });
    });
    return statuses;
  }

  function expectNothingLeaked(text: string) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }

  function expectAllRefused(seen: SeenRequest[], expected: number) {
    expect(seen.length).toBeGreaterThanOrEqual(expected);
    for (const s of seen) {
      expect(s.status, JSON.stringify(s)).toBe(403);
      expect(s.corsHeaders).toEqual([]);
    }
  }

  test.afterEach(() => {
    expect(slotState()).toBe(before);
  });

  test('fetch and XMLHttpRequest from another origin: refused, never readable, with or without the token', async ({ page }) => {
    await page.goto(`${evilOrigin}/`);
    const responses = responsesFromServer(page);
    const seen = watch();
    const results = await page.evaluate(
      async ({ base, token }) => {
        const body = JSON.stringify({ ProfileName: 'evil', Creds: {} });
        const attempt = async (what: string, url: string, init: RequestInit) => {
          try {
            const r = await fetch(url, init);
            return { what, type: r.type, status: r.status, text: await r.text() };
          } catch (e) {
            return { what, error: String(e) };
          }
        };
        const xhr = (what: string, method: string, url: string, headers: Record<string, string>, data?: string) =>
          new Promise<{ what: string; status: number; text: string; error?: string }>((resolve) => {
            const x = new XMLHttpRequest();
            x.open(method, url);
            for (const [k, v] of Object.entries(headers)) x.setRequestHeader(k, v);
            x.onload = () => resolve({ what, status: x.status, text: x.responseText });
            x.onerror = () => resolve({ what, status: x.status, text: x.responseText, error: 'error' });
            x.send(data);
          });
        return [
          await attempt('cors GET', base, { mode: 'cors' }),
          await attempt('cors GET with token', base, { mode: 'cors', headers: { authorization: token } }),
          await attempt('cors GET slot with token', `${base}slot/dev`, { mode: 'cors', headers: { authorization: `Bearer ${token}` } }),
          await attempt('cors PUT JSON with token', `${base}slot/evil`, {
            method: 'PUT',
            mode: 'cors',
            headers: { authorization: token, 'content-type': 'application/json' },
            body,
          }),
          await attempt('cors DELETE with token', base, { method: 'DELETE', mode: 'cors', headers: { authorization: token } }),
          await attempt('no-cors GET', base, { mode: 'no-cors' }),
          await attempt('no-cors GET slot with token', `${base}slot/dev`, { mode: 'no-cors', headers: { authorization: token } }),
          await attempt('no-cors POST text/plain JSON', base, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body }),
          await xhr('XHR GET with token', 'GET', base, { authorization: token }),
          await xhr('XHR GET', 'GET', `${base}slot/dev`, {}),
          await xhr('XHR PUT with token', 'PUT', base, { authorization: token, 'content-type': 'application/json' }, body),
        ];
      },
      { base: cred.url, token: TOKEN },
    );

    for (const r of results) {
      expectNothingLeaked(JSON.stringify(r));
      // Nothing is readable: a network error, or an opaque answer with status 0 and no body.
      if ('type' in r) expect(r, r.what).toMatchObject({ type: 'opaque', status: 0, text: '' });
      else expect(r, r.what).toMatchObject(r.what.startsWith('XHR') ? { status: 0, text: '', error: 'error' } : { error: 'TypeError: Failed to fetch' });
    }
    // Every request that reached the server was refused; preflights (OPTIONS) were refused too,
    // so no PUT or DELETE ever followed them.
    await expect.poll(() => seen().length).toBeGreaterThanOrEqual(results.length);
    expectAllRefused(seen(), results.length);
    expect(seen().every((s) => s.origin === evilOrigin || s.secFetchSite === 'cross-site')).toBe(true);
    expect(seen().filter((s) => s.method === 'PUT' || s.method === 'DELETE')).toEqual([]);
    // Chromium reports some of these answers to the page's network events (not preflights): all 403.
    expect(responses.length).toBeGreaterThan(0);
    expect(responses.every((r) => r.status === 403)).toBe(true);
  });

  test('form posts (urlencoded, and text/plain carrying JSON): refused with 403 before the 415 check', async ({ page }) => {
    await page.goto(`${evilOrigin}/`);
    const responses = responsesFromServer(page);
    const seen = watch();
    const json = JSON.stringify(putBody('evil'));
    await page.evaluate(
      ({ base, json }) => {
        const post = (action: string, enctype: string, fields: Record<string, string>, target: string) => {
          const form = document.createElement('form');
          form.method = 'POST';
          form.action = action;
          form.enctype = enctype;
          form.target = target;
          for (const [name, value] of Object.entries(fields)) {
            const input = document.createElement('input');
            input.type = 'hidden';
            input.name = name;
            input.value = value;
            form.append(input);
          }
          document.body.append(form);
          form.submit();
        };
        // `name={"ProfileName"...` with the name chosen so the text/plain body is JSON-looking.
        const eq = json.indexOf(':');
        post(`${base}`, 'application/x-www-form-urlencoded', { ProfileName: 'evil', Creds: '{}' }, 'sink');
        post(`${base}slot/evil`, 'text/plain', { [json.slice(0, eq)]: json.slice(eq + 1) }, '_blank');
      },
      { base: cred.url, json },
    );
    await expect.poll(() => seen().length).toBeGreaterThanOrEqual(2);
    const posts = seen().filter((s) => s.method === 'POST');
    expect(posts.map((s) => s.contentType?.split(';')[0]).sort()).toEqual(['application/x-www-form-urlencoded', 'text/plain']);
    expectAllRefused(posts, 2);
    for (const s of posts) expect(s.origin).toBe(evilOrigin);
    // The page cannot look into what came back.
    const peek = await page.evaluate(() => {
      try {
        return String((document.querySelector('iframe') as HTMLIFrameElement).contentDocument?.body?.innerText ?? 'no access');
      } catch (e) {
        return String(e);
      }
    });
    expectNothingLeaked(peek);
    expect(peek).not.toContain('Forbidden');
    await expect.poll(() => responses.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([403, 403]);
  });

  test('<img>, <script> and top-level navigation: refused with 403 on their Sec-Fetch headers alone', async ({ page }) => {
    await page.goto(`${evilOrigin}/`);
    const responses = responsesFromServer(page);
    const seen = watch();
    const loads = await page.evaluate(async (base) => {
      const load = (el: HTMLImageElement | HTMLScriptElement) =>
        new Promise<string>((resolve) => {
          el.onload = () => resolve('load');
          el.onerror = () => resolve('error');
          document.body.append(el);
        });
      const img = document.createElement('img');
      img.src = base;
      const script = document.createElement('script');
      script.src = `${base}slot/dev`;
      return { img: await load(img), script: await load(script), globals: Object.keys(window).filter((k) => /secret|token|access/i.test(k)) };
    }, cred.url);
    expect(loads).toEqual({ img: 'error', script: 'error', globals: [] });
    const popup = page.waitForEvent('popup');
    await page.evaluate((base) => void window.open(base), cred.url);
    await (await popup).waitForLoadState();

    await expect.poll(() => seen().length).toBeGreaterThanOrEqual(3);
    expectAllRefused(seen(), 3);
    // GETs from <img>/<script>/navigation carry no Origin: Sec-Fetch-* is what gives them away.
    // (The popup also asks for /favicon.ico, refused the same way.)
    const own = seen().filter((s) => s.url !== '/favicon.ico');
    expect(own.map((s) => [s.secFetchDest, s.secFetchSite, s.origin])).toEqual([
      ['image', 'cross-site', undefined],
      ['script', 'cross-site', undefined],
      ['document', 'cross-site', undefined],
    ]);
    expect(responses.length).toBeGreaterThan(0);
    expect(responses.every((r) => r.status === 403)).toBe(true);
  });

  /** The attacker's script, run inside the rebound page: same-origin requests, with and without the token. */
  async function sameOriginAttempts(page: Page) {
    return page.evaluate(async (token) => {
      const attempt = async (what: string, url: string, init: RequestInit = {}) => {
        try {
          const r = await fetch(url, init);
          return { what, type: r.type, status: r.status, text: await r.text() };
        } catch (e) {
          return { what, error: String(e) };
        }
      };
      return [
        await attempt('GET /', '/'),
        await attempt('GET / with token', '/', { headers: { authorization: token } }),
        await attempt('GET /slot/dev with token', '/slot/dev', { headers: { authorization: `Bearer ${token}` } }),
        await attempt('PUT /slot/evil with token', '/slot/evil', {
          method: 'PUT',
          headers: { authorization: token, 'content-type': 'application/json' },
          body: '{}',
        }),
        await attempt('DELETE / with token', '/', { method: 'DELETE', headers: { authorization: token } }),
        await attempt('DELETE /slot with token', '/slot', { method: 'DELETE', headers: { authorization: token } }),
      ];
    }, TOKEN);
  }

  test('DNS rebinding, page already on 127.0.0.1: same-origin requests to http://evil.test:<server port>/ are refused on Host', async ({
    page,
  }) => {
    // The rebound name resolves to 127.0.0.1, so the page itself comes from our server (its 403):
    // Chromium then treats it as a loopback page and lets its same-origin requests through. The
    // attacker's script runs in that origin, exactly as it would after a rebinding.
    const seen = watch();
    const rebound = `http://${EVIL}:${cred.port}/`;
    const navigation = await page.goto(rebound);
    expect(navigation?.status()).toBe(403);
    const results = await sameOriginAttempts(page);

    // Same-origin, so the page CAN read these answers: each must be the Host refusal and nothing else.
    for (const r of results) {
      expectNothingLeaked(JSON.stringify(r));
      expect(r, r.what).toMatchObject({ type: 'basic', status: 403 });
      const body = JSON.parse((r as { text: string }).text) as Record<string, string>;
      const refusal = 'Host not allowed: use http://127.0.0.1:<port>/ (this server answers only local clients)';
      expect(body).toEqual({ code: '403', message: refusal, Code: 'Forbidden', Message: refusal });
    }
    await expect.poll(() => seen().filter((s) => s.url !== '/favicon.ico').length).toBe(results.length + 1);
    expectAllRefused(seen(), results.length + 1);
    for (const s of seen()) expect(s.host).toBe(`${EVIL}:${cred.port}`);
    // The navigation and the same-origin GETs carry neither Origin nor Sec-Fetch-Site/Dest
    // (Chromium sends no Sec-Fetch-* to a plain-http name it does not trust): only Host stops them.
    const gets = seen().filter((s) => s.method === 'GET');
    expect(gets.length).toBeGreaterThanOrEqual(4);
    for (const s of gets) expect([s.origin, s.secFetchSite, s.secFetchDest]).toEqual([undefined, undefined, undefined]);
  });

  test('DNS rebinding from a page Chromium deems public: Chromium blocks it itself; nothing reaches the server', async ({ page }) => {
    // Served by the attacker (here: intercepted, so it has no loopback address), then rebound to
    // 127.0.0.1. Chromium's Private Network Access refuses its requests before they leave the
    // browser; browsers without it rely on the Host check proven above.
    const rebound = `http://${EVIL}:${cred.port}/`;
    await page.route(rebound, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>rebound</title>' }));
    await page.goto(rebound);
    await page.unroute(rebound);
    const seen = watch();
    const results = await sameOriginAttempts(page);
    for (const r of results) {
      expectNothingLeaked(JSON.stringify(r));
      expect(r, r.what).toMatchObject({ error: expect.stringMatching(/Failed to fetch/) });
    }
    expect(seen()).toEqual([]);
  });
});
