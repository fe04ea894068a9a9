import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SocketDeadlines } from './socket-deadlines';

const WAIT_MS = 300;
let server: http.Server | undefined;
let deadlines: SocketDeadlines | undefined;

/** A real http server whose waits are timed by SocketDeadlines, short ones so the test is quick. */
async function start(handler: http.RequestListener, maxWaiting = 1_000): Promise<number> {
  deadlines = new SocketDeadlines(WAIT_MS, maxWaiting);
  server = http.createServer({ headersTimeout: 0, requestTimeout: 0, keepAliveTimeout: 5_000 }, deadlines.track(handler));
  server.on('connection', (socket: net.Socket) => {
    deadlines!.wait(socket);
    socket.once('close', () => deadlines!.forget(socket));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

afterEach(async () => {
  deadlines?.closeAll();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

const ok: http.RequestListener = (_req, res) => res.end('ok');

/** A client socket that records what it reads and when the server closed it. */
function open(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  const started = performance.now();
  let text = '';
  socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<{ ms: number; text: string }>((resolve) => socket.on('close', () => resolve({ ms: performance.now() - started, text })));
  return { socket, closed, text: () => text };
}

describe('SocketDeadlines', () => {
  it('answers a socket that sends nothing 408 and closes it after the wait', async () => {
    const port = await start(ok);
    const { ms, text } = await open(port).closed;
    expect(text).toBe('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
    expect(ms).toBeGreaterThanOrEqual(WAIT_MS - 20);
    expect(ms).toBeLessThan(WAIT_MS + 200);
  });

  it('is not fooled by headers that trickle in a byte at a time', async () => {
    const port = await start(ok);
    const client = open(port);
    client.socket.write('GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const drip = setInterval(() => client.socket.writable && client.socket.write('a'), 50);
    const { ms, text } = await client.closed;
    clearInterval(drip);
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(ms).toBeLessThan(WAIT_MS + 200);
  });

  it('times the wait for the next request on a kept-alive connection from the last answer', async () => {
    const port = await start(ok);
    const client = open(port);
    client.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((r) => setTimeout(r, WAIT_MS * 0.8));
    expect(client.text()).toMatch(/^HTTP\/1\.1 200 /);
    // The first answer came at once: a second request started late and never finished is cut off a wait after it.
    client.socket.write('GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const { ms, text } = await client.closed;
    expect(text).toMatch(/408 Request Timeout/);
    expect(ms).toBeLessThan(WAIT_MS * 2 + 200);
  });

  it('keeps a connection whose requests keep coming, past many waits', async () => {
    const port = await start(ok);
    const client = open(port);
    let answers = 0;
    for (let i = 0; i < 8; i++) {
      client.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
      await new Promise((r) => setTimeout(r, WAIT_MS / 2));
      answers = (client.text().match(/HTTP\/1\.1 200 /g) ?? []).length;
    }
    expect(answers).toBe(8);
    expect(client.socket.destroyed).toBe(false);
    client.socket.destroy();
  });

  it('never cuts off a request the server is still answering', async () => {
    const port = await start((_req, res) => setTimeout(() => res.end('late'), WAIT_MS * 3));
    const client = open(port);
    client.socket.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const { ms, text } = await client.closed;
    expect(text).toMatch(/^HTTP\/1\.1 200 [\s\S]*late$/);
    expect(ms).toBeGreaterThanOrEqual(WAIT_MS * 3 - 20);
  });

  it('closes the socket waiting longest when too many wait, and serves the newest', async () => {
    const port = await start(ok, 3);
    const idle = [];
    for (let i = 0; i < 4; i++) {
      idle.push(open(port));
      await new Promise((r) => setTimeout(r, 20));
    }
    const first = await idle[0]!.closed;
    expect(first.ms).toBeLessThan(WAIT_MS / 2);
    expect(first.text).toBe('');
    expect(idle.slice(1).map((c) => c.socket.destroyed)).toEqual([false, false, false]);
    expect(deadlines!.size).toBe(3);
  });

  it('has no timer while no socket is waited on: none before the first, none once the last has closed', async () => {
    const port = await start(ok);
    expect(deadlines!.armed).toBe(false);
    const clients = [open(port), open(port)];
    await new Promise((r) => setTimeout(r, 50));
    expect(deadlines!.size).toBe(2);
    expect(deadlines!.armed).toBe(true);
    clients[0]!.socket.destroy();
    await clients[0]!.closed;
    await new Promise((r) => setTimeout(r, 20));
    expect(deadlines!.armed).toBe(true);
    clients[1]!.socket.destroy();
    await clients[1]!.closed;
    await new Promise((r) => setTimeout(r, 20));
    expect(deadlines!.size).toBe(0);
    expect(deadlines!.armed).toBe(false);
  });

  it('keeps one timer for a kept-alive connection between its requests, however many it sends', async () => {
    const port = await start(ok);
    const client = open(port);
    for (let i = 0; i < 5; i++) {
      client.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((client.text().match(/HTTP\/1\.1 200 /g) ?? []).length).toBe(5);
    expect(deadlines!.size).toBe(1);
    expect(deadlines!.armed).toBe(true);
    client.socket.destroy();
    await client.closed;
    await new Promise((r) => setTimeout(r, 20));
    expect(deadlines!.armed).toBe(false);
  });

});
