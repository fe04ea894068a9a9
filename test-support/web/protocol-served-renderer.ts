import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_ORIGIN, createRendererProtocolHandler, type Refusal } from '../../main/shell/renderer-protocol';
import { ensureRendererBuilt, RENDERER_DIR } from './renderer-build';

export interface ProtocolServedRenderer {
  /** http://127.0.0.1:PORT/, standing for roletray://app/: paths map 1:1. */
  origin: string;
  /** What the handler refused, as the shell would log it. */
  refusals: Refusal[];
  close(): Promise<void>;
}

/** node:http's request as the web Request Electron's protocol.handle passes: same path, on the app's origin. */
function toAppRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return new Request(`${APP_ORIGIN}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers });
}

async function send(answer: Response, res: ServerResponse): Promise<void> {
  res.writeHead(answer.status, Object.fromEntries(answer.headers));
  res.end(answer.body ? Buffer.from(await answer.arrayBuffer()) : undefined);
}

/**
 * Serves `rootDir` to Chromium on loopback through the very handler the app registers for its
 * scheme, so a browser spec sees what the packaged window gets: the same files, types and headers.
 */
export async function serveThroughRendererProtocol(rootDir: string): Promise<ProtocolServedRenderer> {
  const refusals: Refusal[] = [];
  const handler = createRendererProtocolHandler(rootDir, { onRefused: (r) => refusals.push(r) });
  const server: Server = createServer((req, res) => {
    handler(toAppRequest(req))
      .then((answer) => send(answer, res))
      .catch((error: unknown) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`the adapter failed: ${String(error)}\n`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    refusals,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The built renderer (dist/renderer, rebuilt first when stale), as the installed app serves it; specs bring their own window.roletray. */
export function serveBuiltRenderer(): Promise<ProtocolServedRenderer> {
  ensureRendererBuilt();
  return serveThroughRendererProtocol(RENDERER_DIR);
}
