import { OPERATION_NAMES, type AppState, type OperationName, type Result, type RoleTrayApi } from '../../preload/api';

/**
 * RoleTrayApi over the dev bridge (test-support/dev-web/dev-bridge.ts), for development and browser tests:
 * `POST /bridge/op/<name>` with `{"arg": ...}` answers a Result; `GET /bridge/events` streams
 * AppState snapshots as Server-Sent Events. Same origin as the page; the bridge token travels
 * in the Authorization header (and, since EventSource cannot set headers, in the events query).
 */
export function createDevBridgeClient(origin: string, token: string): RoleTrayApi {
  async function call(name: OperationName, arg: unknown): Promise<Result<unknown>> {
    let response: Response;
    try {
      response = await fetch(`${origin}/bridge/op/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ arg: arg === undefined ? null : arg }),
      });
    } catch (err) {
      return { ok: false, error: `The dev bridge did not answer (${(err as Error).message})` };
    }
    try {
      const body = (await response.json()) as Result<unknown>;
      if (body && typeof body === 'object' && typeof body.ok === 'boolean') return body;
    } catch {
      // fall through: not a Result
    }
    return { ok: false, error: `The dev bridge answered ${response.status} ${response.statusText} to ${name}` };
  }

  const listeners = new Set<(state: AppState) => void>();
  let events: EventSource | undefined;
  function openEvents(): void {
    events = new EventSource(`${origin}/bridge/events?token=${encodeURIComponent(token)}`);
    events.onmessage = (message: MessageEvent<string>) => {
      let state: AppState;
      try {
        state = JSON.parse(message.data) as AppState;
      } catch {
        return;
      }
      for (const listener of listeners) listener(state);
    };
  }

  const api: Record<string, unknown> = {
    onState(listener: (state: AppState) => void): () => void {
      listeners.add(listener);
      if (!events) openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && events) {
          events.close();
          events = undefined;
        }
      };
    },
  };
  for (const name of OPERATION_NAMES) api[name] = (arg?: unknown) => call(name, arg);
  return api as RoleTrayApi;
}

/**
 * Installs the dev bridge client when the page runs outside Electron and was opened with
 * `#bridge=<token>`. A packaged app never reaches this: its preload defines window.roletray
 * before any page script runs. The token is removed from the address bar once read.
 */
export function installDevBridgeIfRequested(win: Window): void {
  if (win.roletray) return;
  const match = /(?:^#|&)bridge=([^&]+)/.exec(win.location.hash);
  if (!match) return;
  const token = decodeURIComponent(match[1]!);
  win.history.replaceState(null, '', win.location.pathname + win.location.search);
  win.roletray = createDevBridgeClient(win.location.origin, token);
}
