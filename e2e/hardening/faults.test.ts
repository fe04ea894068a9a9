// Socket-level faults against `roletray serve` in its own process: a crowd of idle connections
// must not lock real clients out, and a slowloris (headers that never finish) must be cut off.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedAwsEnv } from '../../test-support/aws-env';
import { putBody } from '../../test-support/credentials';
import { rawRequest } from '../../test-support/http';
import type { Served } from '../../test-support/roletray-cli';
import { sdkCredentials } from '../../test-support/sdk-child';
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

describe('slowloris', () => {
  // headersTimeout (10 s) is enforced only when Node checks connections; listener.ts checks every
  // second (Node's default of 30 s let such a request live 10-40 s), so the 408 comes at ~10-11 s.
  it('a request whose headers never finish is answered 408 and closed within ~11 s', async () => {
    const fresh = await serveWithToken(TOKEN);
    try {
      const socket = net.connect(fresh.port, '127.0.0.1');
      const outcome = await new Promise<{ ms: number; text: string }>((resolve) => {
        const started = performance.now();
        let text = '';
        socket.on('connect', () => socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${fresh.port}\r\nX-Slow: `));
        // One more byte every 2 s, so the socket is never idle.
        const drip = setInterval(() => socket.writable && socket.write('a'), 2_000);
        socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
        // The server cutting the connection may reach a drip write as a reset: that is the point.
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearInterval(drip);
          clearTimeout(limit);
          resolve({ ms: performance.now() - started, text });
        });
        const limit = setTimeout(() => socket.destroy(), 11_500);
      });
      expect(outcome.text).toMatch(/^HTTP\/1\.1 408 /);
      expect(outcome.ms).toBeLessThan(11_500);
    } finally {
      await fresh.stop();
    }
  }, 15_000);
});
