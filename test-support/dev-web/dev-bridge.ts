import http from 'node:http';
import type { AddressInfo } from 'node:net';
import getRawBody from 'raw-body';
import { BearerToken } from '../../main/server/bearer-token';
import { LOOPBACK_HOSTNAMES } from '../../main/server/guards';
import { createDoor, type AppFacade } from '../../main/app/ipc-door';

const MAX_BODY = 512 * 1024;

export interface DevBridge {
  port: number;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

function hostIsLoopback(host: string | undefined): boolean {
  const name = host?.replace(/:\d+$/, '').toLowerCase();
  return name !== undefined && (LOOPBACK_HOSTNAMES as readonly string[]).includes(name);
}

/**
 * The window's API over loopback HTTP, for development and browser tests only (never packaged):
 * `POST /bridge/op/<name>` with `{"arg": ...}` → a Result, `GET /bridge/events` → AppState as
 * Server-Sent Events. Every request needs the bridge token; every operation goes through the
 * same door as IPC, so payloads are checked exactly as in the app.
 */
export async function startDevBridge(facade: AppFacade, token: string): Promise<DevBridge> {
  const bearer = new BearerToken(token);
  const door = createDoor(facade.ops, () => true);
  const streams = new Set<http.ServerResponse>();
  const unsubscribe = facade.subscribe((state) => {
    const frame = `data: ${JSON.stringify(state)}\n\n`;
    for (const res of streams) res.write(frame);
  });

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://bridge');
    const presented = req.headers.authorization ?? url.searchParams.get('token') ?? undefined;
    if (!hostIsLoopback(req.headers.host) || !bearer.accepts(presented)) return send(res, 403, { ok: false, error: 'forbidden' });

    if (req.method === 'GET' && url.pathname === '/bridge/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(`data: ${JSON.stringify(facade.state())}\n\n`);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    const op = /^\/bridge\/op\/([A-Za-z]+)$/.exec(url.pathname)?.[1];
    if (req.method !== 'POST' || !op) return send(res, 404, { ok: false, error: 'not found' });
    let body: { arg?: unknown };
    try {
      body = JSON.parse((await getRawBody(req, { limit: MAX_BODY })).toString('utf8')) as { arg?: unknown };
    } catch {
      return send(res, 400, { ok: false, error: 'the body must be JSON {"arg": ...} of at most 512 KiB' });
    }
    send(res, 200, await door(op, undefined, body.arg));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const res of streams) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
