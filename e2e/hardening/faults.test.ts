// Socket-level faults against `roletray serve` in its own process: a crowd of idle connections
// must not lock real clients out; silent sockets, TLS handshakes, headers and bodies that never
// finish are cut off after the 10 s wait (main/server/socket-deadlines.ts).
import https from 'node:https';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedAwsEnv } from '../../test-support/aws-env';
import { putBody } from '../../test-support/credentials';
import { rawRequest } from '../../test-support/http';
import { dripRequest } from '../../test-support/raw-socket';
import type { Served } from '../../test-support/roletray-cli';
import { sdkCredentials } from '../../test-support/sdk-child';
import { serveTls, type ServedTls } from '../../test-support/serve-tls';
import { serveWithToken } from '../../test-support/serve-with-token';

const TOKEN = 'faults-token-0123456789abcdefgh';
let served: Served & { tokenFile: string };
const body = putBody('faults');

beforeAll(async () => {
  served = await serveWithToken(TOKEN);
  const put = await rawRequest(served.port, {
    method: 'PUT',
    headers: { authorization: TOKEN, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(put.status).toBe(200);
});
afterAll(() => served?.stop());

function openIdle(port: number, count: number): Promise<net.Socket[]> {
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Socket>((resolve, reject) => {
          const s = net.connect(port, '127.0.0.1', () => resolve(s));
          s.on('error', reject);
        }),
    ),
  );
}

describe('idle connections', () => {
  it('1,000 idle TCP connections do not keep a real client waiting', async () => {
    const idle = await openIdle(served.port, 1_000);
    try {
      const started = performance.now();
      const answer = await rawRequest(served.port, { headers: { authorization: TOKEN } });
      const ms = performance.now() - started;
      expect(answer.status).toBe(200);
      expect(answer.json.SecretAccessKey).toBe(body.Creds.secretAccessKey);
      expect(ms).toBeLessThan(1_000);

      // The real AWS SDK for JavaScript, in its own process, gets the credentials too.
      const sdk = await sdkCredentials(
        'http',
        isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: served.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN }),
      );
      expect(sdk).toMatchObject({ ok: true, secretAccessKey: body.Creds.secretAccessKey });
      expect(idle.filter((s) => s.destroyed)).toHaveLength(0);
    } finally {
      for (const s of idle) s.destroy();
    }
  }, 20_000);
});

/** Opens `count` sockets that never send a byte; resolves with how long each lived and what it was told. */
function silentSockets(port: number, count: number): Promise<{ ms: number; text: string }[]> {
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<{ ms: number; text: string }>((resolve) => {
          const started = performance.now();
          let text = '';
          const socket = net.connect(port, '127.0.0.1');
          // Read, so that the server's close reaches us as an end (an unread socket never sees it).
          socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
          socket.on('error', () => undefined);
          socket.on('close', () => {
            clearTimeout(limit);
            resolve({ ms: performance.now() - started, text });
          });
          const limit = setTimeout(() => socket.destroy(), 20_000);
        }),
    ),
  );
}

describe.concurrent('sockets that never send a byte', () => {
  it('plain http: each is answered 408 and closed within ~11 s', async () => {
    const fresh = await serveWithToken(TOKEN);
    try {
      const lives = await silentSockets(fresh.port, 200);
      expect(lives.every((l) => l.text === 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n')).toBe(true);
      expect(Math.min(...lives.map((l) => l.ms))).toBeGreaterThan(9_500);
      expect(Math.max(...lives.map((l) => l.ms))).toBeLessThan(11_500);
    } finally {
      await fresh.stop();
    }
  }, 25_000);

  it('https: a TCP connection that never starts its TLS handshake is closed within ~11 s', async () => {
    const tls = await serveTls(TOKEN);
    try {
      const lives = await silentSockets(tls.port, 200);
      expect(lives.every((l) => l.text === '')).toBe(true);
      expect(Math.max(...lives.map((l) => l.ms))).toBeLessThan(11_500);
    } finally {
      await tls.stop();
    }
  }, 25_000);
});

describe.concurrent('clients that keep a connection', () => {
  let tls: ServedTls;
  beforeAll(async () => {
    tls = await serveTls(TOKEN);
  });
  afterAll(() => tls?.stop());

  it('an https client asking every 2 s keeps its one connection past the wait', async () => {
    const agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca: tls.ca });
    const sockets = new Set<unknown>();
    try {
      for (let i = 0; i < 8; i++) {
        const status = await new Promise<number>((resolve, reject) => {
          const req = https.get({ host: '127.0.0.1', port: tls.port, path: '/healthcheck', agent }, (res) => {
            sockets.add(res.socket);
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          });
          req.on('error', reject);
        });
        expect(status).toBe(200);
        await new Promise((r) => setTimeout(r, 2_000));
      }
      // 16 s on one connection: the handshake's wait ended with the handshake.
      expect(sockets.size).toBe(1);
    } finally {
      agent.destroy();
    }
  }, 25_000);

  it('a PUT whose body never finishes is answered 408 and closed within ~11 s', async () => {
    // A space each second, so the body keeps coming but never ends.
    const outcome = await dripRequest(
      served.port,
      `PUT / HTTP/1.1\r\nHost: 127.0.0.1:${served.port}\r\nAuthorization: ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`,
      ' ',
      1_000,
      15_000,
    );
    expect(outcome.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(outcome.text).toContain('"Code":"RequestTimeout"');
    expect(outcome.ms).toBeLessThan(11_500);
    // The slot is what it was.
    const answer = await rawRequest(served.port, { headers: { authorization: TOKEN } });
    expect(answer.json.SecretAccessKey).toBe(body.Creds.secretAccessKey);
  }, 20_000);
});

describe('slowloris', () => {
  // The wait for a request is absolute, so a byte now and then does not extend it: the 408 comes at ~10 s.
  it('a request whose headers never finish is answered 408 and closed within ~11 s', async () => {
    const fresh = await serveWithToken(TOKEN);
    try {
      // One more byte every 2 s, so the socket is never idle.
      const outcome = await dripRequest(fresh.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${fresh.port}\r\nX-Slow: `, 'a', 2_000, 11_500);
      expect(outcome.text).toMatch(/^HTTP\/1\.1 408 /);
      expect(outcome.ms).toBeLessThan(11_500);
    } finally {
      await fresh.stop();
    }
  }, 15_000);
});
