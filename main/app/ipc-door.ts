import type { AppState, Arg, OperationName, Result, Ret } from '../../preload/api';
import { ARG_CHECKS } from './validate-args';

export type OperationHandlers = { [K in OperationName]: (arg: Arg<K>) => Promise<Result<Ret<K>>> };

/** What the window (through IPC or the dev bridge) can reach: the operations and the state. */
export interface AppFacade {
  readonly ops: OperationHandlers;
  state(): AppState;
  subscribe(listener: (state: AppState) => void): () => void;
}

export type Door = (name: string, caller: string | undefined, arg: unknown) => Promise<Result<unknown>>;

/**
 * The single way into the core from outside the main process: the caller must be the app's own
 * page (`trusted`), the operation must exist, and its argument must pass its check; only then
 * does the handler run. An unexpected failure is logged and answered without details.
 */
export function createDoor(ops: OperationHandlers, trusted: (caller: string | undefined) => boolean, log?: (message: string) => void): Door {
  return async (name, caller, arg) => {
    if (!trusted(caller)) return { ok: false, error: 'Refused: the request did not come from the RoleTray window' };
    if (!Object.hasOwn(ARG_CHECKS, name)) return { ok: false, error: `Unknown operation "${name}"` };
    const op = name as OperationName;
    const check = ARG_CHECKS[op](arg);
    if (!check.ok) return check;
    try {
      return await (ops[op] as (a: unknown) => Promise<Result<unknown>>)(check.value);
    } catch (err) {
      log?.(`operation ${op} failed: ${(err as Error).name}`);
      return { ok: false, error: 'Internal error; see the log' };
    }
  };
}

/**
 * Whether an IPC sender's URL is the app's own page: the same scheme and host as `appUrl`, which
 * is the app's custom-protocol page (roletray://app/…) or, in development, the Vite dev server.
 * Path, hash and query do not matter. A `file:` URL never is: any local file would pass.
 */
export function isAppPage(senderUrl: string | undefined, appUrl: string): boolean {
  if (!senderUrl) return false;
  let sender: URL;
  let app: URL;
  try {
    sender = new URL(senderUrl);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  // Not `origin`: WHATWG URL gives "null" as the origin of every custom-scheme URL.
  return app.protocol !== 'file:' && sender.protocol === app.protocol && sender.host === app.host && sender.host !== '';
}
