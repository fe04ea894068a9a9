// Hostile input against the real credential service: random request sequences checked against a
// model of the slots, then bodies, headers and paths built to break parsers. Every refusal must be
// a 4xx with the documented error body (unless Node itself answers before koa does), never a
// 5xx, and must leave every slot as it was.
import fc from 'fast-check';
import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_NAMED_SLOTS, MAX_SLOT_BYTES } from '../../common/limits';
import { rawRequest, type RawAnswer } from '../../test-support/http';
import { rawExchange } from '../../test-support/raw-socket';
import { tagOfAnswer, taggedCreds } from '../../test-support/tagged-creds';
import { startTestServer, type TestServer } from '../../test-support/test-server';

const TOKEN = 'hostile-token-0123456789abcdef';
const RUNS = Number(process.env.HOSTILE_RUNS ?? 150);
let server: TestServer;

const json = { authorization: TOKEN, 'content-type': 'application/json' };
const send = (method: string, path: string, body?: string | Buffer, headers: Record<string, string> = json) =>
  rawRequest(server.port, { method, path, headers, body });
const pathOf = (name: string) => `/slot/${encodeURIComponent(name)}`;

/** The server's own state: every slot's name, profile and exact answer bytes. */
const serverState = () => server.slots.all().map((s) => [s.name, s.profileName, s.answer.toString('base64')]);

/** PROTOCOL.md's error body, exactly: {code, message, Code, Message}, as JSON. */
function expectDocumentedError(answer: RawAnswer, status?: number) {
  if (status !== undefined) expect(answer.status).toBe(status);
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(answer.status).toBeLessThan(500);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(Object.keys(answer.json).sort()).toEqual(['Code', 'Message', 'code', 'message']);
  expect(answer.json.code).toBe(String(answer.status));
  expect(answer.json.Message).toBe(answer.json.message);
  expect(answer.json.Code).toMatch(/^[A-Z][A-Za-z]+$/);
  expect(answer.headers['access-control-allow-origin']).toBeUndefined();
}

/** A body that would load, carrying a tag in all three secrets. */
function validBody(profileName: string | undefined, tag?: { expiration?: number }) {
  const { tag: t, creds } = taggedCreds(tag?.expiration);
  return { tag: t, creds, body: profileName === undefined ? { Creds: creds } : { ProfileName: profileName, Creds: creds } };
}

beforeAll(async () => {
  server = await startTestServer({ token: TOKEN });
});
afterAll(() => server.close());
beforeEach(() => {
  server.slots.unload('');
  server.slots.unloadNamed();
});

// The documented naming rule, written independently of the product: 1-256 characters (UTF-16
// code units, as JavaScript counts them), no control characters, no "/".
// eslint-disable-next-line no-control-regex
const nameIsValid = (name: string) => name.length >= 1 && name.length <= 256 && !/[\u0000-\u001f\u007f-\u009f/]/.test(name);

const slotName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('alpha', 'beta', 'dev:Admin', 'ünïcødé ✓', '日本語', '🦄 role', '..', '.', '%', '%2F', 'a b', '+') },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('', 'a/b', '/', 'a\u0007b', '\u0000', '\u007f', '\u0085', 'x'.repeat(256), 'x'.repeat(257), '\u2028', '\uFEFF'),
  },
);

type Op =
  | { kind: 'put'; name: string | null; withProfile: boolean }
  | { kind: 'putOtherProfile'; name: string }
  | { kind: 'putGarbage'; name: string | null; bytes: Uint8Array }
  | { kind: 'get'; name: string | null }
  | { kind: 'delete'; name: string | null }
  | { kind: 'list' }
  | { kind: 'unloadNamed' }
  | { kind: 'badAuth'; name: string | null; header: string };

const target = fc.option(slotName, { nil: null, freq: 4 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('put' as const), name: target, withProfile: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('putOtherProfile' as const), name: slotName }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('putGarbage' as const), name: target, bytes: fc.uint8Array({ maxLength: 300 }) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('get' as const), name: target }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), name: target }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('list' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unloadNamed' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('badAuth' as const), name: target, header: fc.string({ unit: 'grapheme-ascii', maxLength: 40 }) }),
  },
);

/** Runs one operation against the server and the model (name → tag; '' is the default slot), checking the answer. */
async function step(model: Map<string, string>, o: Op): Promise<void> {
  // null is the default slot at `/`; a named slot whose name is '' is the path `/slot/`, which is the list.
  const path = o.kind === 'list' || o.kind === 'unloadNamed' ? '/slot' : o.name === null ? '/' : pathOf(o.name);
  const key = o.kind === 'list' || o.kind === 'unloadNamed' || o.name === null ? '' : o.name;
  const isList = o.kind !== 'list' && o.kind !== 'unloadNamed' && o.name === '';
  const valid = o.kind === 'list' || o.kind === 'unloadNamed' || o.name === null || nameIsValid(o.name);

  switch (o.kind) {
    case 'put': {
      const { tag, body } = validBody(o.withProfile || o.name === null ? (o.name ?? 'default:Admin') : undefined);
      const answer = await send('PUT', path, JSON.stringify(body));
      if (isList) return expectDocumentedError(answer, 405);
      if (!valid) return expectDocumentedError(answer, 400);
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ code: '200', message: 'OK' });
      model.set(key, tag);
      return;
    }
    case 'putOtherProfile': {
      const { body } = validBody(`${o.name}-other`);
      const answer = await send('PUT', path, JSON.stringify(body));
      return expectDocumentedError(answer, isList ? 405 : 400);
    }
    case 'putGarbage': {
      const answer = await send('PUT', path, Buffer.from(o.bytes));
      return expectDocumentedError(answer, isList ? 405 : 400);
    }
    case 'get': {
      const answer = await send('GET', path, undefined, { authorization: TOKEN });
      if (isList) return void expect(answer.status).toBe(200);
      if (!valid) return expectDocumentedError(answer, 400);
      const tag = model.get(key);
      if (tag === undefined) return expectDocumentedError(answer, 404);
      expect(answer.status).toBe(200);
      expect(tagOfAnswer(answer.json)).toBe(tag);
      return;
    }
    case 'delete': {
      const answer = await send('DELETE', path, undefined, { authorization: TOKEN });
      if (isList) {
        expect(answer.status).toBe(200);
        for (const name of model.keys()) if (name !== '') model.delete(name);
        return;
      }
      if (!valid) return expectDocumentedError(answer, 400);
      if (o.name !== null && !model.has(key)) return expectDocumentedError(answer, 404);
      expect(answer.status).toBe(200);
      model.delete(key);
      return;
    }
    case 'list': {
      const answer = await send('GET', path, undefined, { authorization: TOKEN });
      expect(answer.status).toBe(200);
      const names = [...model.keys()].filter((n) => n !== '').sort();
      expect(answer.json.map((s: { ProfileName: string }) => s.ProfileName)).toEqual(names);
      return;
    }
    case 'unloadNamed': {
      expect((await send('DELETE', path, undefined, { authorization: TOKEN })).status).toBe(200);
      for (const name of model.keys()) if (name !== '') model.delete(name);
      return;
    }
    case 'badAuth': {
      const answer = await send('GET', path, undefined, o.header === '' ? {} : { authorization: o.header });
      if (o.header === TOKEN || o.header.toLowerCase() === `bearer ${TOKEN}`.toLowerCase()) return;
      return expectDocumentedError(answer, 403);
    }
  }
}

describe('random request sequences agree with a model of the slots', () => {
  it('PUT / GET / DELETE on / and /slot/<name> (unicode, reserved and invalid names)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        server.slots.unload('');
        server.slots.unloadNamed();
        const model = new Map<string, string>();
        for (const o of ops) {
          await step(model, o);
          // The server's own state, not only its answers, matches the model after every step.
          const actual = new Map(server.slots.all().map((s) => [s.name, tagOfAnswer(JSON.parse(s.answer.toString()))]));
          expect(actual).toEqual(model);
        }
      }),
      { numRuns: RUNS },
    );
  }, 30_000);
});

describe('hostile bodies are refused with the documented error and change nothing', () => {
  /** Loads two slots, sends the request, expects a documented 4xx and the state untouched. */
  async function refusedWithoutChange(method: string, path: string, body: string | Buffer, status: number, headers = json) {
    const before = serverState();
    const answer = await send(method, path, body, headers);
    expectDocumentedError(answer, status);
    expect(serverState()).toEqual(before);
    return answer;
  }
  async function loadTwo() {
    await send('PUT', '/', JSON.stringify(validBody('keep:Admin').body));
    await send('PUT', '/slot/keep', JSON.stringify(validBody('keep').body));
  }

  it('random bytes under any JSON content type: 400, never a 5xx', async () => {
    await loadTwo();
    const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/vnd.aws+json', 'application/JSON');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), contentType, fc.constantFrom('/', '/slot/keep'), async (bytes, type, path) => {
        await refusedWithoutChange('PUT', path, Buffer.from(bytes), 400, { ...json, 'content-type': type });
      }),
      { numRuns: RUNS },
    );
  });

  it('non-JSON content types: 415, whatever the body', async () => {
    await loadTwo();
    const type = fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'json', 'text/json');
    await fc.assert(
      fc.asyncProperty(type, async (t) => {
        await refusedWithoutChange('PUT', '/', JSON.stringify(validBody('x').body), 415, { ...json, 'content-type': t });
      }),
      { numRuns: 20 },
    );
  });

  it('invalid UTF-8 anywhere in an otherwise valid body: 400, never decoded lossily', async () => {
    await loadTwo();
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const invalid = fc.uint8Array({ minLength: 1, maxLength: 6 }).filter((b) => {
      try {
        decoder.decode(b);
        return false;
      } catch {
        return true;
      }
    });
    await fc.assert(
      fc.asyncProperty(invalid, fc.constantFrom('ProfileName', 'secretAccessKey', 'sessionToken'), async (bytes, field) => {
        const { body } = validBody('keep');
        const text = JSON.stringify(body);
        const at = text.indexOf(`"${field}":"`) + field.length + 4;
        const raw = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(bytes), Buffer.from(text.slice(at))]);
        const answer = await refusedWithoutChange('PUT', '/slot/keep', raw, 400);
        expect(answer.json.message).toMatch(/UTF-8/);
      }),
      { numRuns: RUNS },
    );
  });

  it('JSON of any shape, with __proto__ / constructor / prototype keys and out-of-range numbers: 400', async () => {
    await loadTwo();
    const key = fc.constantFrom('__proto__', 'constructor', 'prototype', 'ProfileName', 'Creds', 'accountId', 'roleName', 'accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration', 'toString', 'valueOf');
    const leaf = fc.oneof(
      fc.double(),
      fc.constantFrom(1e308, -1, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 0.5, -0, 8.64e15 + 1),
      fc.string({ maxLength: 20 }),
      fc.boolean(),
      fc.constant(null),
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('value'), { maxLength: 4 }), tie('object')),
      object: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
    }));
    await fc.assert(
      fc.asyncProperty(value, async (v) => {
        await refusedWithoutChange('PUT', '/', JSON.stringify(v), 400);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  it('numbers out of range in an otherwise valid body: loaded exactly when the documented rules allow, else 400', async () => {
    const now = Date.now();
    const literal = fc.oneof(
      fc.double().map((d) => (Number.isFinite(d) ? String(d) : '1e999')),
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
      fc.constantFrom('1e999', '-1e999', '-0', '0', '1e3', '1E12', '1.0', '1.5', '9007199254740993', '8640000000000000', '8640000000000001', '253402300799999', '253402300800000', '99999999999999999999', '"123"', '"1e3"', '"-1"', '""', '"0x10"'),
      fc.integer({ min: now + 600_000, max: now + 1e10 }).map(String),
    );
    // Written from PROTOCOL.md: a whole number, or a string of digits, of the right size.
    const numeric = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN);
    const accountOk = (v: unknown) => {
      const n = numeric(v);
      return Number.isSafeInteger(n) && n >= 0 && n <= 999_999_999_999 && (typeof v === 'number' || (v as string).length <= 12);
    };
    const expirationOk = (v: unknown) => {
      const n = numeric(v);
      return Number.isSafeInteger(n) && n >= 1e11 && n > Date.now() + 60_000 && n <= Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    };
    await fc.assert(
      fc.asyncProperty(literal, fc.constantFrom('accountId', 'expiration'), async (lit, field) => {
        const parsed = JSON.parse(lit) as unknown;
        // Too close to now to call either way: skip rather than race the clock.
        if (field === 'expiration' && Math.abs(numeric(parsed) - Date.now()) < 300_000) return;
        server.slots.unload('num');
        const { creds } = taggedCreds();
        const text = JSON.stringify({ ProfileName: 'num', Creds: { ...creds, [field]: '@' } }).replace('"@"', lit);
        const before = serverState();
        const answer = await send('PUT', '/slot/num', text);
        const ok = field === 'accountId' ? accountOk(parsed) : expirationOk(parsed);
        if (ok) {
          expect(answer.status).toBe(200);
          const served = await send('GET', '/slot/num', undefined, { authorization: TOKEN });
          expect(served.status).toBe(200);
          if (field === 'accountId') expect(served.json.AccountId).toBe(String(numeric(parsed)).padStart(12, '0'));
        } else {
          expectDocumentedError(answer, 400);
          expect(serverState()).toEqual(before);
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('deep nesting within 64 KiB parses to a refusal, not a stack overflow; deeper does not fit', async () => {
    await loadTwo();
    const arrays = (n: number) => '['.repeat(n) + ']'.repeat(n);
    await refusedWithoutChange('PUT', '/', arrays(32_767), 400);
    await refusedWithoutChange('PUT', '/', `{"ProfileName":"keep","Creds":${arrays(32_000)}}`, 400);
    await refusedWithoutChange('PUT', '/', `${'{"Creds":'.repeat(6_500)}{}${'}'.repeat(6_500)}`, 400);
    await refusedWithoutChange('PUT', '/', '['.repeat(60_000), 400);
    // 100,000 levels need more than 64 KiB, so they are refused by size before any parsing.
    await refusedWithoutChange('PUT', '/', '['.repeat(100_000), 413);
  });

  it.each([
    ['__proto__ holding the whole body', (b: object) => `{"__proto__":${JSON.stringify(b)}}`],
    ['__proto__ holding Creds', (b: { Creds: object }) => `{"ProfileName":"keep","__proto__":{"Creds":${JSON.stringify(b.Creds)}}}`],
    ['Creds.__proto__ holding every field', (b: { Creds: object }) => `{"ProfileName":"keep","Creds":{"__proto__":${JSON.stringify(b.Creds)}}}`],
    ['constructor.prototype holding Creds', (b: { Creds: object }) => `{"constructor":{"prototype":{"Creds":${JSON.stringify(b.Creds)}}}}`],
  ])('%s: 400, nothing inherited, nothing polluted', async (_what, build) => {
    await loadTwo();
    const { body } = validBody('keep');
    const text = build(body as { Creds: object });
    await refusedWithoutChange('PUT', '/slot/keep', text, 400);
    expect(({} as Record<string, unknown>).Creds).toBeUndefined();
    expect(({} as Record<string, unknown>).accountId).toBeUndefined();
  });

  it('a valid body with extra __proto__ and constructor keys loads exactly its own fields and pollutes nothing', async () => {
    const { tag, creds } = taggedCreds();
    const text = JSON.stringify({ ProfileName: 'keep', Creds: creds }).replace(
      '"Creds":{',
      '"__proto__":{"polluted":"yes","Creds":{}},"constructor":{"prototype":{"polluted":"yes"}},"Creds":{"__proto__":{"roleName":"Evil","polluted":"yes"},',
    );
    expect((await send('PUT', '/slot/keep', text)).status).toBe(200);
    const served = await send('GET', '/slot/keep', undefined, { authorization: TOKEN });
    expect(served.json).toEqual({
      AccessKeyId: creds.accessKeyId,
      SecretAccessKey: creds.secretAccessKey,
      Token: creds.sessionToken,
      Expiration: expect.stringMatching(/Z$/),
      RoleArn: 'arn:aws:iam::012345678901:role/Load',
      AccountId: '012345678901',
    });
    expect(tagOfAnswer(served.json)).toBe(tag);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Nothing was inherited either: a body without Creds still has none.
    await refusedWithoutChange('PUT', '/slot/keep', '{"ProfileName":"keep"}', 400);
  });
});

describe('what Node answers before koa sees the request', () => {
  const head = () => `Host: 127.0.0.1:${server.port}\r\nAuthorization: ${TOKEN}\r\n`;

  it.each([
    ['one 20 KiB header', () => `GET / HTTP/1.1\r\n${head()}X-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`],
    ['10,000 small headers', () => `GET / HTTP/1.1\r\n${head()}${'X-A: b\r\n'.repeat(10_000)}\r\n`],
    ['a 20 KiB URL', () => `GET /slot/${'a'.repeat(20 * 1024)} HTTP/1.1\r\n${head()}\r\n`],
    ['a 20 KiB header on a PUT with a valid body', () => {
      const body = JSON.stringify(validBody('keep').body);
      return `PUT /slot/keep HTTP/1.1\r\n${head()}Content-Type: application/json\r\nContent-Length: ${body.length}\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n${body}`;
    }],
  ])('%s: Node answers 431 with no body and closes; the slots are untouched', async (_what, request) => {
    await send('PUT', '/slot/keep', JSON.stringify(validBody('keep').body));
    const before = serverState();
    const answer = await rawExchange(server.port, request());
    expect(answer.status).toBe(431);
    expect(answer.head).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\nConnection: close$/);
    expect(answer.body.length).toBe(0);
    expect(answer.closed).toBe(true);
    expect(serverState()).toEqual(before);
  });

  it.each([
    ['a NUL in a header value', () => `GET / HTTP/1.1\r\n${head()}X-A: a\u0000b\r\n\r\n`],
    ['raw UTF-8 in the request target', () => `GET /slot/ünï HTTP/1.1\r\n${head()}\r\n`],
    ['a space in the request target', () => `GET /slot/a b HTTP/1.1\r\n${head()}\r\n`],
    ['an unknown method', () => `FOOBAR / HTTP/1.1\r\n${head()}\r\n`],
    ['a bad chunk size', () => `PUT / HTTP/1.1\r\n${head()}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`],
    ['Content-Length with Transfer-Encoding (smuggling)', () => `PUT / HTTP/1.1\r\n${head()}Content-Type: application/json\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
  ])('%s: Node answers 400 with no body and closes; the slots are untouched', async (_what, request) => {
    await send('PUT', '/slot/keep', JSON.stringify(validBody('keep').body));
    const before = serverState();
    const answer = await rawExchange(server.port, Buffer.from(request(), 'utf8'));
    expect(answer.head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\nConnection: close$/);
    expect(answer.body.length).toBe(0);
    expect(serverState()).toEqual(before);
  });

  it('refuses a request with thousands of headers (431, Node 24\'s header-count limit) and keeps serving', async () => {
    const answer = await rawExchange(
      server.port,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n${'X: b\r\n'.repeat(2_100)}Authorization: ${TOKEN}\r\n\r\n`,
    );
    expect(answer.head).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\nConnection: close$/);
    const after = await rawExchange(server.port, `GET /healthcheck HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`);
    expect(after.status).toBe(200);
  });

  it('random methods and request targets: never a 5xx; every koa answer is the documented body; nothing changes', async () => {
    await send('PUT', '/', JSON.stringify(validBody('keep:Admin').body));
    await send('PUT', '/slot/keep', JSON.stringify(validBody('keep').body));
    const before = serverState();
    const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PATCH', 'OPTIONS', 'PROPFIND', 'TRACE', 'PUT', 'get', 'CONNECT');
    const pathChar = fc.constantFrom(...'ab/%.?#:;@&=+$,~*\'()[]!{}|\\^`"<>\t0FE'.split(''), 'ü', '✓', '\u0000');
    const target = fc.oneof(
      fc.string({ unit: pathChar, maxLength: 30 }).map((s) => `/${s}`),
      fc.constantFrom('/slot', '/slot/', '/creds/keep', '/SLOT/keep', '//', '/slot//keep', '/slot/keep/', '*', 'http://evil.test/', '/%', '/slot/%E0%A4%A'),
    );
    await fc.assert(
      fc.asyncProperty(method, target, async (m, t) => {
        const answer = await rawExchange(server.port, Buffer.from(`${m} ${t} HTTP/1.1\r\n${head()}Content-Length: 0\r\n\r\n`, 'utf8'));
        expect(answer.status === 0 || (answer.status >= 200 && answer.status < 500)).toBe(true);
        if (answer.status >= 400 && /content-type: application\/json/i.test(answer.head) && m !== 'HEAD') {
          const body = JSON.parse(answer.body.toString()) as Record<string, unknown>;
          expect(Object.keys(body).sort()).toEqual(['Code', 'Message', 'code', 'message']);
          expect(body.code).toBe(String(answer.status));
        }
        expect(serverState()).toEqual(before);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

describe('strict framing: the host the guard checks is the host the request names', () => {
  const line = (target: string, headers: string) => `GET ${target} HTTP/1.1\r\n${headers}Authorization: ${TOKEN}\r\nConnection: close\r\n\r\n`;
  const own = () => `127.0.0.1:${server.port}`;
  const jsonOf = (answer: { body: Buffer }) => JSON.parse(answer.body.toString()) as Record<string, string>;

  it.each([
    ['twice the same allowed Host', () => `Host: ${own()}\r\nHost: ${own()}\r\n`],
    ['an allowed Host, then another', () => `Host: ${own()}\r\nHost: evil.example\r\n`],
    ['another Host, then an allowed one', () => `Host: evil.example\r\nHost: ${own()}\r\n`],
    ['an allowed Host and a lower-case host line', () => `Host: ${own()}\r\nhost: ${own()}\r\n`],
  ])('%s: 400, nothing served', async (_what, headers) => {
    await send('PUT', '/', JSON.stringify(validBody('keep:Admin').body));
    const answer = await rawExchange(server.port, line('/', headers()));
    expect(answer.status).toBe(400);
    expect(jsonOf(answer)).toMatchObject({ code: '400', message: 'More than one Host header', Code: 'BadRequest' });
  });

  it.each(['http://evil.example/', 'http://evil.example:80/slot/x', 'https://127.0.0.1:1/', 'http://127.0.0.1/', 'http://user@127.0.0.1:PORT/'])(
    'an absolute-form target %s that is not this server: 400, even with an allowed Host',
    async (target) => {
      await send('PUT', '/', JSON.stringify(validBody('keep:Admin').body));
      const answer = await rawExchange(server.port, line(target.replace('PORT', String(server.port)), `Host: ${own()}\r\n`));
      expect(answer.status).toBe(400);
      expect(jsonOf(answer).message).toBe('The request target names a host this server does not answer: use http://127.0.0.1:<port>/');
    },
  );

  it("an absolute-form target naming this server is served: its authority, not Host, decides (RFC 9112 §3.2.2)", async () => {
    const { tag, body } = validBody('keep:Admin');
    await send('PUT', '/', JSON.stringify(body));
    for (const target of [`http://${own()}/`, `HTTP://LOCALHOST:${server.port}/`, `http://[::1]:${server.port}/?x=1`]) {
      const answer = await rawExchange(server.port, line(target, 'Host: evil.example\r\n'));
      expect(answer.status).toBe(200);
      expect(tagOfAnswer(jsonOf(answer))).toBe(tag);
    }
  });
});

describe('Expect: 100-continue is answered only after the checks', () => {
  /** Sends the head of a PUT that expects 100-continue; resolves with the first answer, and sends the body on a 100. */
  function expectContinue(headers: string, body: string): Promise<{ first: string; final: string }> {
    return new Promise((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1');
      let text = '';
      let first = '';
      socket.on('data', (d: Buffer) => {
        text += d.toString('latin1');
        if (!first && text.includes('\r\n\r\n')) {
          first = text.slice(0, text.indexOf('\r\n'));
          if (first.startsWith('HTTP/1.1 100')) socket.write(body);
        }
      });
      socket.on('error', () => undefined);
      socket.on('close', () => resolve({ first, final: text.slice(text.lastIndexOf('HTTP/1.1 ')) }));
      socket.write(`PUT /slot/keep HTTP/1.1\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`);
      setTimeout(() => socket.destroy(), 5_000);
    });
  }
  const json = 'Content-Type: application/json\r\n';

  it.each([
    ['a Host that is not this server', () => `Host: evil.example\r\nAuthorization: ${TOKEN}\r\n${json}`, 403],
    ['a browser Origin', () => `Host: 127.0.0.1:${server.port}\r\nOrigin: https://evil.example\r\nAuthorization: ${TOKEN}\r\n${json}`, 403],
    ['no token', () => `Host: 127.0.0.1:${server.port}\r\n${json}`, 403],
    ['a wrong token', () => `Host: 127.0.0.1:${server.port}\r\nAuthorization: wrong-token-0123456789\r\n${json}`, 403],
    ['a form content type', () => `Host: 127.0.0.1:${server.port}\r\nAuthorization: ${TOKEN}\r\nContent-Type: application/x-www-form-urlencoded\r\n`, 415],
  ])('%s: the final %i comes without a 100, and nothing changes', async (_what, headers, status) => {
    await send('PUT', '/slot/keep', JSON.stringify(validBody('keep').body));
    const before = serverState();
    const { first } = await expectContinue(headers(), JSON.stringify(validBody('keep').body));
    expect(first).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(serverState()).toEqual(before);
  });

  it('a declared body over 64 KiB: 413 without a 100', async () => {
    const { first } = await expectContinue(`Host: 127.0.0.1:${server.port}\r\nAuthorization: ${TOKEN}\r\n${json}`, 'x'.repeat(70 * 1024));
    expect(first).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('past every check: 100 Continue, then the body loads', async () => {
    const { tag, body } = validBody('keep');
    const { first, final } = await expectContinue(`Host: 127.0.0.1:${server.port}\r\nAuthorization: ${TOKEN}\r\n${json}`, JSON.stringify(body));
    expect(first).toBe('HTTP/1.1 100 Continue');
    expect(final).toMatch(/^HTTP\/1\.1 200 /);
    expect(tagOfAnswer((await send('GET', '/slot/keep', undefined, { authorization: TOKEN })).json)).toBe(tag);
  });
});

describe('bounded state: past a limit, a 4xx that names it, and nothing changes', () => {
  it(`the ${MAX_NAMED_SLOTS + 1}th named slot: 409 naming the limit; a loaded one can still be replaced`, async () => {
    for (let i = 0; i < MAX_NAMED_SLOTS; i++) expect((await send('PUT', `/slot/s${i}`, JSON.stringify(validBody(`s${i}`).body))).status).toBe(200);
    const before = serverState();
    const refused = await send('PUT', '/slot/one-more', JSON.stringify(validBody('one-more').body));
    expectDocumentedError(refused, 409);
    expect(refused.json.message).toBe(`All ${MAX_NAMED_SLOTS} named slots are in use (the limit); unload one first`);
    expect(serverState()).toEqual(before);
    expect((await send('PUT', '/slot/s3', JSON.stringify(validBody('s3').body))).status).toBe(200);
    expect((await send('PUT', '/', JSON.stringify(validBody('default:Admin').body))).status).toBe(200);
  });

  it(`credentials over ${MAX_SLOT_BYTES / 1024} KiB (within the 64 KiB body): 413 naming the slot limit`, async () => {
    await send('PUT', '/slot/keep', JSON.stringify(validBody('keep').body));
    const before = serverState();
    const { body } = validBody('keep');
    const big = { ...body, Creds: { ...body.Creds, sessionToken: `${body.Creds.sessionToken}${'x'.repeat(MAX_SLOT_BYTES)}` } };
    const refused = await send('PUT', '/slot/keep', JSON.stringify(big));
    expectDocumentedError(refused, 413);
    expect(refused.json.message).toMatch(/a slot holds at most 16 KiB$/);
    expect(serverState()).toEqual(before);
  });
});
