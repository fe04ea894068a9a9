import net from 'node:net';

export interface RawExchange {
  /** 0 when the server closed or reset the connection without answering. */
  status: number;
  head: string;
  body: Buffer;
  /** The connection ended (the server closed it) rather than our timeout cutting it short. */
  closed: boolean;
}

/**
 * Writes exact bytes to the server and reads one answer: for requests Node's http client refuses
 * to send (oversized or malformed headers, raw non-ASCII request targets). Resolves once a whole
 * answer (by Content-Length) has arrived, the server closes, or `timeoutMs` passes.
 */
export function rawExchange(port: number, request: Buffer | string, timeoutMs = 5_000): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const head = split < 0 ? all.toString('latin1') : all.subarray(0, split).toString('latin1');
      const body = split < 0 ? Buffer.alloc(0) : all.subarray(split + 4);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body, closed });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      if (split < 0) return;
      const length = /\r\ncontent-length: *(\d+)/i.exec(all.subarray(0, split).toString('latin1'))?.[1];
      if (length !== undefined && all.length - split - 4 >= Number(length)) finish(false);
    });
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    // A server that answers early (431) may reset the connection while we still write.
    socket.on('error', () => finish(true));
    socket.end(request);
  });
}

/**
 * A slow client: writes `start`, then one more `drip` every `everyMs` so the socket is never idle,
 * and reads whatever the server answers until it closes the connection (or `limitMs` passes and we
 * close it). Resolves with the time from connecting to the close, and what was read.
 */
export function dripRequest(port: number, start: string, drip: string, everyMs: number, limitMs: number): Promise<{ ms: number; text: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const started = performance.now();
    let text = '';
    socket.on('connect', () => socket.write(start));
    const dripping = setInterval(() => socket.writable && socket.write(drip), everyMs);
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    // The server cutting the connection may reach a drip write as a reset: that is the point.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(dripping);
      clearTimeout(limit);
      resolve({ ms: performance.now() - started, text });
    });
    const limit = setTimeout(() => socket.destroy(), limitMs);
  });
}
