import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putBody } from '../../test-support/credentials';
import { rawRequest } from '../../test-support/http';
import { startTestServer, type TestServer } from '../../test-support/test-server';

const TOKEN = 'guard-token-ABCDEFGHIJKLMNOP';
let server: TestServer;
let loaded: string;

beforeAll(async () => {
  server = await startTestServer({ token: TOKEN });
  const body = putBody('dev');
  loaded = body.Creds.secretAccessKey;
  const put = await rawRequest(server.port, {
    method: 'PUT',
    headers: { authorization: TOKEN, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(put.status).toBe(200);
});
afterAll(() => server.close());

const get = (headers: Record<string, string>, host?: string, path = '/') => rawRequest(server.port, { path, headers, host });

describe('bearer token', () => {
  it('accepts the raw token (AWS CLI, SDKs) and the Bearer form (the older CLI)', async () => {
    expect((await get({ authorization: TOKEN })).json.SecretAccessKey).toBe(loaded);
    expect((await get({ authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await get({ authorization: `bearer ${TOKEN}` })).status).toBe(200);
  });

  it.each([
    ['no header', {}],
    ['a wrong token', { authorization: 'guard-token-ABCDEFGHIJKLMNOQ' }],
    ['a prefix of the token', { authorization: TOKEN.slice(0, -1) }],
    ['the token in another case', { authorization: TOKEN.toLowerCase() }],
    ['Bearer with a wrong token', { authorization: 'Bearer nope' }],
  ])('refuses %s with 403 on every protected route', async (_what, headers) => {
    for (const path of ['/', '/profile', '/slot', '/slot/dev', '/creds']) {
      const answer = await get(headers, undefined, path);
      expect(answer.status).toBe(403);
      expect(answer.json).toMatchObject({ code: '403', message: 'Invalid authorization token', Code: 'Forbidden' });
    }
  });

  it('takes a new token on the next request, without a restart, keeping slots', async () => {
    server.token.set('rotated-token-0123456789');
    try {
      expect((await get({ authorization: TOKEN })).status).toBe(403);
      expect((await get({ authorization: 'rotated-token-0123456789' })).json.SecretAccessKey).toBe(loaded);
    } finally {
      server.token.set(TOKEN);
    }
  });

  it('leaves /healthcheck, /ping and /version open', async () => {
    for (const path of ['/healthcheck', '/ping', '/version']) expect((await get({}, undefined, path)).status).toBe(200);
  });
});

describe('browsers and DNS rebinding', () => {
  it.each(['127.0.0.1', 'localhost', '[::1]', 'LOCALHOST'])('accepts Host %s:<port>', async (name) => {
    expect((await get({ authorization: TOKEN }, `${name}:${server.port}`)).status).toBe(200);
  });

  it.each([
    ['a rebinding host name', 'attacker.example:PORT'],
    ['the right name on another port', '127.0.0.1:1'],
    ['no port', '127.0.0.1'],
    ['a look-alike', '127.0.0.1.attacker.example:PORT'],
  ])('refuses %s in Host with 403, even with the token', async (_what, host) => {
    const answer = await get({ authorization: TOKEN }, host.replace('PORT', String(server.port)));
    expect(answer.status).toBe(403);
    expect(answer.json.message).toMatch(/Host not allowed/);
    expect(answer.text).not.toContain(loaded);
  });

  it.each([
    ['Origin', { origin: 'https://attacker.example' }],
    ['Origin: null', { origin: 'null' }],
    ['Sec-Fetch-Site', { 'sec-fetch-site': 'same-origin' }],
    ['Sec-Fetch-Dest', { 'sec-fetch-dest': 'image' }],
  ])('refuses a request carrying %s, even with the token', async (_what, headers) => {
    const answer = await get({ authorization: TOKEN, ...headers });
    expect(answer.status).toBe(403);
    expect(answer.json.message).toMatch(/browsers/);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets Sec-Fetch-Mode alone through (Node fetch sends it)', async () => {
    expect((await get({ authorization: TOKEN, 'sec-fetch-mode': 'cors' })).status).toBe(200);
  });

  it('never sends CORS headers, not even to a preflight', async () => {
    const answer = await rawRequest(server.port, {
      method: 'OPTIONS',
      headers: { origin: 'https://attacker.example', 'access-control-request-method': 'PUT' },
    });
    expect(answer.status).toBe(403);
    expect(Object.keys(answer.headers).filter((h) => h.startsWith('access-control'))).toEqual([]);
  });
});
