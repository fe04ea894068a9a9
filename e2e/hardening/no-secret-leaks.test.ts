// `roletray serve` in its own process, through loads, reads and every kind of bad request we can
// make (including ones that end on the server's error paths): no secret it was given — secret
// key, session token, bearer token — appears in its stdout or stderr, nor in any error answer.
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../../test-support/http';
import { rawExchange } from '../../test-support/raw-socket';
import type { Served } from '../../test-support/roletray-cli';
import { serveWithToken } from '../../test-support/serve-with-token';
import { taggedCreds } from '../../test-support/tagged-creds';

const TOKEN = 'leak-token-0123456789abcdefghijk';

describe('roletray serve keeps secrets out of its output', () => {
  let served: Served & { tokenFile: string };
  beforeAll(async () => {
    served = await serveWithToken(TOKEN);
  });
  afterAll(() => served?.stop());

  it('prints no secret across loads, reads and bad requests, and echoes none in an error answer', async () => {
    const port = served.port;
    const json = { authorization: TOKEN, 'content-type': 'application/json' };
    const secrets = [TOKEN];
    const fresh = () => {
      const { creds } = taggedCreds();
      secrets.push(creds.secretAccessKey, creds.sessionToken);
      return creds;
    };
    const errorAnswers: string[] = [];
    const bad = async (options: Parameters<typeof rawRequest>[1]) => {
      const answer = await rawRequest(port, options);
      expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
      expect(answer.status, answer.text).toBeLessThan(500);
      errorAnswers.push(answer.text);
    };

    // Good traffic.
    for (const path of ['/', '/slot/a', '/slot/b']) {
      const name = path === '/' ? 'default:Admin' : path.slice(6);
      const put = await rawRequest(port, { method: 'PUT', path, headers: json, body: JSON.stringify({ ProfileName: name, Creds: fresh() }) });
      expect(put.status).toBe(200);
      expect((await rawRequest(port, { path, headers: { authorization: TOKEN } })).status).toBe(200);
    }

    // Bad requests, each carrying secrets where a careless server might print or echo them.
    const creds = fresh();
    const withSecrets = JSON.stringify({ ProfileName: 'a', Creds: creds });
    const near = `${TOKEN.slice(0, -1)}X`;
    secrets.push(near);
    await bad({ headers: { authorization: near } });
    await bad({ headers: { authorization: `Bearer ${near}` } });
    await bad({ headers: { authorization: TOKEN }, host: 'evil.test:1' });
    await bad({ headers: { authorization: TOKEN, origin: 'http://evil.test' } });
    await bad({ method: 'PUT', path: '/slot/b', headers: json, body: withSecrets });
    await bad({ method: 'PUT', headers: json, body: withSecrets.slice(0, -3) });
    await bad({ method: 'PUT', headers: json, body: withSecrets.replace('"Creds"', '"Creds" "oops"') });
    await bad({ method: 'PUT', headers: { authorization: TOKEN, 'content-type': 'text/plain' }, body: withSecrets });
    await bad({ method: 'PUT', headers: json, body: `${withSecrets}${' '.repeat(70 * 1024)}` });
    await bad({ method: 'PUT', headers: json, body: JSON.stringify({ Creds: { ...creds, expiration: 1 } }) });
    // A key id the rules refuse (a space in it) that carries the secret: the refusal must not echo it.
    await bad({ method: 'PUT', headers: json, body: JSON.stringify({ Creds: { ...creds, accessKeyId: `${creds.secretAccessKey} x` } }) });
    await bad({ method: 'PUT', headers: json, body: JSON.stringify({ ProfileName: creds.sessionToken.slice(0, 200), Creds: 1 }) });
    await bad({
      method: 'PUT',
      headers: json,
      body: Buffer.concat([Buffer.from(withSecrets.slice(0, 40)), Buffer.from([0xc3, 0x28]), Buffer.from(withSecrets.slice(40))]),
    });
    await bad({ method: 'POST', path: '/slot/a', headers: json, body: withSecrets });
    // A 404 names the path the client itself sent (only to that client): kept out of the echo
    // check, but it must not reach the server's output either.
    expect((await rawRequest(port, { path: `/slot/${encodeURIComponent(creds.secretAccessKey)}/x`, headers: { authorization: TOKEN } })).status).toBe(404);

    // Requests that die mid-way, ending on koa's and Node's own error paths.
    const head = `Host: 127.0.0.1:${port}\r\nAuthorization: ${TOKEN}\r\nContent-Type: application/json\r\n`;
    await rawExchange(port, `PUT / HTTP/1.1\r\n${head}Content-Length: ${withSecrets.length + 100}\r\n\r\n${withSecrets}`, 500);
    await rawExchange(port, `PUT / HTTP/1.1\r\n${head}Transfer-Encoding: chunked\r\n\r\n10\r\n${withSecrets}\r\nzz\r\n`);
    await rawExchange(port, `GET / HTTP/1.1\r\n${head}X-Big: ${creds.sessionToken.repeat(200)}\r\n\r\n`);
    await rawExchange(port, `GET / HTTP/1.1\r\n${head}X-Bad: ${creds.secretAccessKey}\u0000\r\n\r\n`);

    // Unloads, then stop it the way a user would, and read its output to the last byte.
    expect((await rawRequest(port, { method: 'DELETE', path: '/slot', headers: { authorization: TOKEN } })).status).toBe(200);
    expect((await rawRequest(port, { method: 'DELETE', headers: { authorization: TOKEN } })).status).toBe(200);
    const outputEnded = once(served.child, 'close');
    expect(await served.stop()).toBe(0);
    await outputEnded;

    const output = `${served.stdout()}\n${served.stderr()}`;
    for (const secret of secrets) {
      expect(output).not.toContain(secret);
      for (const text of errorAnswers) expect(text).not.toContain(secret);
    }
    // Nothing on the error paths answered 500, so the structured error log stayed empty.
    expect(served.stderr()).not.toMatch(/"level":"error"/);
  });
});
