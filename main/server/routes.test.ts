import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCreds, putBody } from '../../test-support/credentials';
import { rawRequest } from '../../test-support/http';
import { startTestServer, type TestServer } from '../../test-support/test-server';

const TOKEN = 'test-token-0123456789abcdef';
let clock = Date.parse('2026-11-25T12:00:00Z');
let server: TestServer;

const auth = { authorization: TOKEN };
const json = { ...auth, 'content-type': 'application/json' };
const req = (method: string, path: string, body?: unknown, headers: Record<string, string> = json) =>
  rawRequest(server.port, { method, path, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });

/** What the server would answer to every credential read: a fingerprint of its whole state. */
async function state() {
  const def = await req('GET', '/');
  const profile = await req('GET', '/profile');
  const slots = await req('GET', '/slot');
  return { def: [def.status, def.text], profile: [profile.status, profile.text], slots: slots.text };
}

function expectError(answer: { status: number; json: any; headers: Record<string, unknown> }, status: number, pattern: RegExp) {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.json.code).toBe(String(status));
  expect(answer.json.message).toMatch(pattern);
  expect(answer.json.Message).toBe(answer.json.message);
  expect(typeof answer.json.Code).toBe('string');
}

beforeAll(async () => {
  server = await startTestServer({ token: TOKEN, now: () => clock });
});
afterAll(() => server.close());
beforeEach(() => {
  clock = Date.parse('2026-11-25T12:00:00Z');
  server.slots.unload('');
  server.slots.unloadNamed();
});

describe('default slot', () => {
  it('serves what PUT / loaded, in the container credentials shape', async () => {
    const creds = makeCreds({ accountId: 12345678901, expiration: clock + 3_600_000 }, clock);
    const put = await req('PUT', '/', putBody('dev:Admin', creds));
    expect(put.status).toBe(200);
    expect(put.json).toEqual({ code: '200', message: 'OK' });

    const get = await req('GET', '/');
    expect(get.status).toBe(200);
    expect(get.headers['content-type']).toMatch(/^application\/json/);
    expect(get.json).toEqual({
      AccessKeyId: creds.accessKeyId,
      SecretAccessKey: creds.secretAccessKey,
      Token: creds.sessionToken,
      Expiration: '2026-11-25T13:00:00Z',
      RoleArn: 'arn:aws:iam::012345678901:role/Admin',
      AccountId: '012345678901',
    });
  });

  it('answers 404 when nothing is loaded, and /profile too', async () => {
    expectError(await req('GET', '/'), 404, /No credentials loaded in the default slot/);
    expectError(await req('GET', '/profile'), 404, /No credentials loaded/);
  });

  it('describes the default slot at /profile with epoch seconds and time left', async () => {
    await req('PUT', '/', putBody('dev:Admin', makeCreds({ expiration: clock + 59 * 60_000 + 30_000 }, clock)));
    const profile = await req('GET', '/profile');
    expect(profile.status).toBe(200);
    expect(profile.json).toEqual({
      ProfileName: 'dev:Admin',
      AccountId: '012345678901',
      RoleName: 'Admin',
      Expiration: Math.floor((clock + 59 * 60_000 + 30_000) / 1000),
      Expires: '59m',
    });
  });

  it('names the profile <account>:<role> when the body gives no ProfileName', async () => {
    await req('PUT', '/', putBody(undefined, makeCreds({ accountId: '42', roleName: 'ReadOnly' }, clock)));
    expect((await req('GET', '/profile')).json.ProfileName).toBe('000000000042:ReadOnly');
  });

  it('accepts accountId and expiration as numeric strings', async () => {
    const creds = makeCreds({ accountId: '012345678901', expiration: String(clock + 7_200_000) }, clock);
    expect((await req('PUT', '/', putBody('x', creds))).status).toBe(200);
    expect((await req('GET', '/')).json.Expiration).toBe('2026-11-25T14:00:00Z');
  });

  it('stops serving credentials once less than a minute is left, says they expired, and /profile shows Expired', async () => {
    await req('PUT', '/', putBody('dev', makeCreds({ expiration: clock + 10 * 60_000 }, clock)));
    clock += 9 * 60_000;
    expect((await req('GET', '/')).status).toBe(200);
    clock += 30_000;
    expectError(await req('GET', '/'), 404, /expired/);
    clock += 60_000;
    expect((await req('GET', '/profile')).json.Expires).toBe('Expired');
  });

  it('DELETE / unloads, and answers 200 when already empty', async () => {
    await req('PUT', '/', putBody('dev'));
    expect((await req('DELETE', '/', undefined, auth)).json).toEqual({ code: '200', message: 'OK' });
    expect((await req('GET', '/')).status).toBe(404);
    expect((await req('DELETE', '/', undefined, auth)).status).toBe(200);
  });
});

describe('named slots', () => {
  it('loads, serves, lists sorted by name and unloads named slots, under /slot and /creds', async () => {
    const b = makeCreds({ roleName: 'B' }, clock);
    const a = makeCreds({ roleName: 'A' }, clock);
    expect((await req('PUT', '/slot/zeta', putBody('zeta', b))).status).toBe(200);
    expect((await req('PUT', '/creds/alpha', putBody('alpha', a))).status).toBe(200);

    expect((await req('GET', '/slot/zeta')).json.AccessKeyId).toBe(b.accessKeyId);
    expect((await req('GET', '/creds/alpha')).json.AccessKeyId).toBe(a.accessKeyId);

    for (const path of ['/slot', '/slot/', '/creds', '/creds/']) {
      const list = await req('GET', path);
      expect(list.status).toBe(200);
      expect(list.json.map((s: { ProfileName: string }) => s.ProfileName)).toEqual(['alpha', 'zeta']);
      expect(list.json[0]).toMatchObject({ AccountId: '012345678901', RoleName: 'A', Expires: '1h' });
    }
    expect((await req('DELETE', '/slot/zeta', undefined, auth)).status).toBe(200);
    expectError(await req('GET', '/slot/zeta'), 404, /No credentials loaded in slot "zeta"/);
    expectError(await req('DELETE', '/slot/zeta', undefined, auth), 404, /zeta/);
  });

  it('lists [] when no named slot is loaded, and keeps the default slot out of the list', async () => {
    await req('PUT', '/', putBody('default-one'));
    expect((await req('GET', '/slot')).json).toEqual([]);
  });

  it('DELETE /slot unloads every named slot but not the default slot', async () => {
    await req('PUT', '/', putBody('d'));
    await req('PUT', '/slot/one', putBody('one'));
    await req('PUT', '/slot/two', putBody('two'));
    expect((await req('DELETE', '/slot', undefined, auth)).status).toBe(200);
    expect((await req('GET', '/slot')).json).toEqual([]);
    expect((await req('GET', '/')).status).toBe(200);
  });

  it('URL-decodes slot names, so names with spaces, colons and unicode work', async () => {
    const name = 'prod account: Admin ü';
    expect((await req('PUT', `/slot/${encodeURIComponent(name)}`, putBody(name))).status).toBe(200);
    expect((await req('GET', `/slot/${encodeURIComponent(name)}`)).status).toBe(200);
    expect((await req('GET', '/slot')).json[0].ProfileName).toBe(name);
  });

  it('takes the slot name as ProfileName when the body has none', async () => {
    await req('PUT', '/slot/ci', putBody(undefined));
    expect((await req('GET', '/slot')).json[0].ProfileName).toBe('ci');
  });
});

describe('bad requests change nothing', () => {
  const bad: [string, string, string | object, Record<string, string>, number, RegExp][] = [
    ['malformed JSON', '/', '{"ProfileName": "x", "Creds": {', json, 400, /not valid JSON/],
    ['a JSON array', '/', '[]', json, 400, /JSON object/],
    ['no Creds', '/', { ProfileName: 'x' }, json, 400, /Creds must be an object/],
    ['accountId of the wrong type', '/', { Creds: makeCreds({ accountId: true }) }, json, 400, /accountId/],
    ['accountId with 13 digits', '/', { Creds: makeCreds({ accountId: '1234567890123' }) }, json, 400, /accountId/],
    ['missing roleName', '/', { Creds: makeCreds({ roleName: undefined }) }, json, 400, /roleName/],
    ['missing secret', '/', { Creds: makeCreds({ secretAccessKey: undefined }) }, json, 400, /secretAccessKey/],
    ['numeric session token', '/', { Creds: makeCreds({ sessionToken: 12 }) }, json, 400, /sessionToken/],
    ['access key id with a space', '/', { Creds: makeCreds({ accessKeyId: 'ASIA 1' }) }, json, 400, /accessKeyId/],
    ['less than a minute left', '/', { Creds: makeCreds({ expiration: Date.parse('2026-11-25T12:00:30Z') }) }, json, 400, /already expired/],
    ['expiration in the year 275760', '/', { Creds: makeCreds({ expiration: 8.64e15 }) }, json, 400, /year 9999/],
    ['expiration in seconds', '/', { Creds: makeCreds({ expiration: 1795460650 }) }, json, 400, /epoch seconds/],
    ['expiration not a number', '/', { Creds: makeCreds({ expiration: 'tomorrow' }) }, json, 400, /expiration/],
    ['already expired', '/', { Creds: makeCreds({ expiration: Date.parse('2026-11-25T11:00:00Z') }) }, json, 400, /already expired/],
    ['ProfileName not a string', '/', { ProfileName: 7, Creds: makeCreds() }, json, 400, /ProfileName/],
    ['ProfileName differing from the slot', '/slot/dev', putBody('prod'), json, 400, /does not match the slot "dev"/],
    ['a form post', '/', 'ProfileName=x', { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, 415, /application\/json/],
    ['no content type', '/', JSON.stringify(putBody('x')), auth, 415, /application\/json/],
    ['text/plain JSON', '/', JSON.stringify(putBody('x')), { ...auth, 'content-type': 'text/plain' }, 415, /application\/json/],
    ['a 65 KiB body', '/', JSON.stringify({ ...putBody('x'), pad: 'x'.repeat(65 * 1024) }), json, 413, /64 KiB/],
    ['invalid UTF-8', '/', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]).toString('latin1'), json, 400, /UTF-8|JSON/],
    ['an over-long slot name', `/slot/${'n'.repeat(257)}`, putBody('n'.repeat(257)), json, 400, /longer than 256/],
    ['an escaped slash in the name', '/slot/a%2Fb', putBody('a/b'), json, 400, /"\/"/],
    ['a control character in the name', '/slot/a%07b', putBody('a\u0007b'), json, 400, /control character/],
    ['a broken escape in the name', '/slot/a%E0%A4%A', putBody('x'), json, 400, /URL escaping/],
  ];

  it.each(bad)('%s', async (_what, path, body, headers, status, message) => {
    await req('PUT', '/', putBody('keep-me', makeCreds({}, clock)));
    await req('PUT', '/slot/dev', putBody('dev', makeCreds({}, clock)));
    const before = await state();
    const answer = await req('PUT', path, body, headers);
    expectError(answer, status, message);
    expect(await state()).toEqual(before);
  });

  it('refuses a body that is too big before reading all of it, with a Content-Length over the limit', async () => {
    const answer = await rawRequest(server.port, {
      method: 'PUT',
      path: '/',
      headers: { ...json, 'content-length': String(10 * 1024 * 1024) },
      body: '{',
    });
    expectError(answer, 413, /64 KiB/);
  });

  it('refuses bad slot names on GET and DELETE too', async () => {
    expectError(await req('GET', '/slot/a%2Fb'), 400, /"\/"/);
    expectError(await req('DELETE', `/slot/${'n'.repeat(257)}`, undefined, auth), 400, /256/);
  });
});

describe('routing', () => {
  it('answers liveness without a token', async () => {
    const health = await rawRequest(server.port, { path: '/healthcheck' });
    expect(health.status).toBe(200);
    expect(health.json).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect((await rawRequest(server.port, { path: '/ping' })).status).toBe(200);
    expect((await rawRequest(server.port, { path: '/version' })).json).toEqual({ name: 'roletray', version: health.json.version });
  });

  it('answers 404 with the error body for unknown routes', async () => {
    expectError(await req('GET', '/nope'), 404, /No route for GET \/nope/);
    expectError(await req('GET', '/slot/a/b'), 404, /No route/);
  });

  it('answers 405 with Allow for a known route and a wrong method', async () => {
    const post = await req('POST', '/', putBody('x'));
    expectError(post, 405, /POST/);
    expect(post.headers.allow).toContain('PUT');
    expectError(await req('PUT', '/profile', putBody('x')), 405, /PUT/);
    expectError(await req('POST', '/slot/x', putBody('x')), 405, /POST/);
    expectError(await req('PUT', '/slot', putBody('x')), 405, /PUT/);
  });
});

describe('real clients', () => {
  it("Node's own fetch (which sends Sec-Fetch-Mode: cors) can PUT and GET", async () => {
    const creds = makeCreds({}, clock);
    const put = await fetch(`${server.url}slot/script`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(putBody('script', creds)),
    });
    expect(put.status).toBe(200);
    const get = await fetch(`${server.url}slot/script`, { headers: { authorization: TOKEN } });
    expect(get.status).toBe(200);
    expect(((await get.json()) as { SecretAccessKey: string }).SecretAccessKey).toBe(creds.secretAccessKey);
  });
});

describe('scoped tokens', () => {
  const mint = async (body: unknown, headers: Record<string, string> = json) => req('POST', '/token/scoped', body, headers);
  const as = (token: string) => ({ authorization: token, 'content-type': 'application/json' });

  it('the owner gets one for a slot (POST /token/scoped); it reads that slot and nothing else, until it expires', async () => {
    const creds = makeCreds({ expiration: clock + 3_600_000 }, clock);
    expect((await req('PUT', '/slot/dev', putBody('dev', creds))).status).toBe(200);
    expect((await req('PUT', '/slot/other', putBody('other', creds))).status).toBe(200);
    expect((await req('PUT', '/', putBody('def', creds))).status).toBe(200);
    const before = await state();

    const minted = await mint({ slot: 'dev', ttl: 600 });
    expect(minted.status).toBe(200);
    expect(minted.json).toEqual({ token: expect.any(String), id: expect.any(String), slot: 'dev', expiration: '2026-11-25T12:10:00Z' });
    const scoped = as(minted.json.token);

    expect((await req('GET', '/slot/dev', undefined, scoped)).json.AccessKeyId).toBe(creds.accessKeyId);
    expect((await req('GET', '/creds/dev', undefined, scoped)).status).toBe(200);
    expect((await req('GET', '/slot/dev', undefined, { authorization: `Bearer ${minted.json.token}` })).status).toBe(200);
    for (const [method, path, body] of [
      ['GET', '/slot/other'],
      ['GET', '/'],
      ['GET', '/slot'],
      ['GET', '/profile'],
      ['HEAD', '/slot/dev'],
      ['PUT', '/slot/dev', putBody('dev', makeCreds({}, clock))],
      ['DELETE', '/slot/dev'],
      ['DELETE', '/slot'],
      ['POST', '/token/scoped', { slot: 'other' }],
      ['DELETE', `/token/scoped/${minted.json.id}`],
    ] as const) {
      const answer = await req(method, path, body, scoped);
      expect(answer.status, `${method} ${path}`).toBe(403);
      if (method !== 'HEAD') expect(answer.json.message).toBe('Invalid authorization token');
    }
    expect(await state()).toEqual(before);

    clock += 600_000;
    expect((await req('GET', '/slot/dev', undefined, scoped)).status).toBe(403);
  });

  it('one for the default slot reads GET / only; DELETE /token/scoped/<id> ends it at once', async () => {
    expect((await req('PUT', '/', putBody('def', makeCreds({ expiration: clock + 3_600_000 }, clock)))).status).toBe(200);
    const minted = await mint({ slot: '' });
    expect(minted.json).toMatchObject({ slot: '', expiration: '2026-11-25T13:00:00Z' });
    const scoped = as(minted.json.token);
    expect((await req('GET', '/', undefined, scoped)).status).toBe(200);
    expect((await req('GET', '/slot/dev', undefined, scoped)).status).toBe(403);
    expect((await req('DELETE', `/token/scoped/${minted.json.id}`)).json).toEqual({ code: '200', message: 'OK' });
    expect((await req('GET', '/', undefined, scoped)).status).toBe(403);
    expectError(await req('DELETE', `/token/scoped/${minted.json.id}`), 404, /^No live scoped token has that id$/);
  });

  it('changing the owner token ends every scoped token', async () => {
    const minted = await mint({ slot: 'dev' });
    server.token.set('rotated-token-0123456789abcdef');
    server.token.set(TOKEN);
    expect((await req('GET', '/slot/dev', undefined, as(minted.json.token))).status).toBe(403);
  });

  it.each([
    [{ ttl: 600 }, 400, /^slot must be a slot name, or "" for the default slot$/],
    [{ slot: 'a/b' }, 400, /^Invalid slot name: slot name contains "\/"$/],
    [{ slot: 'dev', ttl: 59 }, 400, /^ttl must be a whole number of seconds from 60 to 43200$/],
    [{ slot: 'dev', ttl: 43_201 }, 400, /^ttl must be a whole number of seconds from 60 to 43200$/],
    [{ slot: 'dev', ttl: '600' }, 400, /^ttl must be a whole number of seconds from 60 to 43200$/],
    [[], 400, /^Body must be \{"slot": "<name>", "ttl": <seconds>\}$/],
  ])('refuses the request %j with a reason', async (body, status, message) => {
    expectError(await mint(body), status, message);
  });

  it('refuses a request without the owner token, or not in JSON', async () => {
    expectError(await mint({ slot: 'dev' }, { 'content-type': 'application/json' }), 403, /^Invalid authorization token$/);
    expectError(await req('POST', '/token/scoped', 'slot=dev', { ...auth, 'content-type': 'application/x-www-form-urlencoded' }), 415, /application\/json/);
  });

  it('answers 409 on a server that requires no token: there is nothing to scope', async () => {
    const open = await startTestServer();
    try {
      const answer = await rawRequest(open.port, { method: 'POST', path: '/token/scoped', headers: { 'content-type': 'application/json' }, body: '{"slot":"dev"}' });
      expectError(answer, 409, /^Scoped tokens need the bearer token on; this server requires no token$/);
      expect(answer.json.Code).toBe('Conflict');
    } finally {
      await open.close();
    }
  });
});
