import type http from 'node:http';
import { SlotStore } from '../main/credentials/slots';
import { BearerToken } from '../main/server/bearer-token';
import { createServer } from '../main/server/create-server';
import { listen } from '../main/server/listener';

/** One request as it reached the credential server, and the status it was answered with. */
export interface SeenRequest {
  method: string;
  url: string;
  host?: string;
  origin?: string;
  secFetchSite?: string;
  secFetchDest?: string;
  secFetchMode?: string;
  authorization: boolean;
  contentType?: string;
  status: number;
  corsHeaders: string[];
}

export interface ObservedServer {
  slots: SlotStore;
  port: number;
  url: string;
  /** Every request answered so far, in order of completion. */
  seen: SeenRequest[];
  close(): Promise<void>;
}

/**
 * The real credential app (createServer) on a loopback port, behind a plain request-listener
 * wrapper that writes down what arrived and what was answered. Nothing of koa is touched: this is
 * how a browser spec learns what the server saw for requests the page itself cannot observe.
 */
export async function startObservedServer(token: string): Promise<ObservedServer> {
  const slots = new SlotStore();
  const app = createServer({ slots, token: new BearerToken(token), version: '0.0.0-test' });
  const handle = app.callback();
  const seen: SeenRequest[] = [];
  const header = (req: http.IncomingMessage, name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  };
  const listening = await listen(
    (req, res) => {
      res.on('finish', () =>
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          host: header(req, 'host'),
          origin: header(req, 'origin'),
          secFetchSite: header(req, 'sec-fetch-site'),
          secFetchDest: header(req, 'sec-fetch-dest'),
          secFetchMode: header(req, 'sec-fetch-mode'),
          authorization: req.headers.authorization !== undefined,
          contentType: header(req, 'content-type'),
          status: res.statusCode,
          corsHeaders: res.getHeaderNames().filter((h) => h.startsWith('access-control-')),
        }),
      );
      void handle(req, res);
    },
    { port: 0 },
  );
  return { slots, port: listening.port, url: listening.url, seen, close: () => listening.close() };
}
