// Child process for e2e/hardening/tls-flood.test.ts: opens sockets to a loopback https server,
// sends each one TLS ClientHello and then nothing, so every handshake stays open on the server
// until the server closes it. Bounded: it stops after `holdMs`, closing whatever is left, and
// prints one JSON line of figures. A process holds at most `count` sockets (its own fd limit).
import net from 'node:net';
import tls from 'node:tls';
import { pathToFileURL } from 'node:url';

export interface FloodOptions {
  port: number;
  count: number;
  /** Loopback source addresses to spread the sockets over (each has its own ephemeral ports). */
  sources: string[];
  /** Connections being set up at once. */
  concurrency: number;
  /** After the last socket opened, how long to wait for the server to close them all. */
  holdMs: number;
  /** `hello`: a ClientHello then silence; `silent`: not one byte. */
  mode: 'hello' | 'silent';
}

export interface FloodFigures {
  opened: number;
  /** Connections refused or reset before they opened. */
  failedToOpen: number;
  closedByServer: number;
  /** Still open when the flood gave up waiting: the server never closed them. */
  stillOpen: number;
  /** Seconds from open to the server's close: the slowest, and the median. */
  maxOpenSec: number;
  medianOpenSec: number;
  /** How long opening all of them took. */
  openingSec: number;
}

/** One real ClientHello, as Node's TLS client sends it, captured from a local listener. */
function captureClientHello(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const catcher = net.createServer((socket) => {
      socket.once('data', (hello: Buffer) => {
        resolve(hello);
        socket.destroy();
        catcher.close();
      });
    });
    catcher.listen(0, '127.0.0.1', () => {
      const { port } = catcher.address() as net.AddressInfo;
      const client = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false });
      client.on('error', () => undefined);
      client.on('close', () => undefined);
    });
    catcher.on('error', reject);
  });
}

export async function flood(options: FloodOptions): Promise<FloodFigures> {
  const hello = options.mode === 'hello' ? await captureClientHello() : undefined;
  const openDurations: number[] = [];
  const open = new Set<net.Socket>();
  let opened = 0;
  let failedToOpen = 0;
  let next = 0;
  const started = performance.now();

  const openOne = () =>
    new Promise<void>((resolve) => {
      const localAddress = options.sources[next % options.sources.length];
      next++;
      const socket = net.connect({ port: options.port, host: '127.0.0.1', localAddress });
      let openedAt = 0;
      socket.on('connect', () => {
        opened++;
        openedAt = performance.now();
        open.add(socket);
        if (hello) socket.write(hello);
        resolve();
      });
      // Read and drop what the server sends, so its close reaches us as an end.
      socket.on('data', () => undefined);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        if (!openedAt) {
          failedToOpen++;
          return resolve();
        }
        if (open.delete(socket)) openDurations.push((performance.now() - openedAt) / 1000);
      });
    });

  const workers = Array.from({ length: options.concurrency }, async () => {
    while (next < options.count) await openOne();
  });
  await Promise.all(workers);
  const openingSec = (performance.now() - started) / 1000;

  const deadline = performance.now() + options.holdMs;
  while (open.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const stillOpen = open.size;
  for (const socket of open) socket.destroy();

  const sorted = [...openDurations].sort((a, b) => a - b);
  return {
    opened,
    failedToOpen,
    closedByServer: openDurations.length,
    stillOpen,
    maxOpenSec: sorted.at(-1) ?? 0,
    medianOpenSec: sorted[Math.floor(sorted.length / 2)] ?? 0,
    openingSec,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await flood(JSON.parse(process.argv[2] ?? '{}') as FloodOptions);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
