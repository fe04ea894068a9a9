import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fail, ok } from '../common/result';
import type { AppState, Arg, OperationName, Ret } from '../preload/api';
import { ControlServer } from '../main/control/control-server';
import { appState } from './app-state';

type Handlers = { [K in OperationName]?: (arg: Arg<K>) => Ret<K> | Promise<Ret<K>> };

export interface ScriptedOwner {
  configDir: string;
  /** Every operation asked of it, in order, with its argument. */
  calls: { op: string; arg: unknown }[];
  state(): AppState;
  /** A new state for the subscribers, as a core announces a change. */
  setState(change: Partial<AppState>): void;
  close(): Promise<void>;
}

/**
 * An owner of a temp configuration directory whose answers a test writes: the real control
 * socket and protocol (so the command line under test connects, calls and subscribes as it does
 * with `serve`), with each operation answered by `handlers` (an error for any other). For the
 * command line's own behaviour around an operation, such as what it asks and prints while an MFA
 * prompt waits; what the real core does is the e2e tests' to show.
 */
export async function startScriptedOwner(handlers: Handlers, initial: Partial<AppState> = {}, kind: 'serve' | 'app' = 'serve'): Promise<ScriptedOwner> {
  const configDir = mkdtempSync(join(tmpdir(), 'roletray-scripted-'));
  const control = await ControlServer.claim(configDir, { kind, advice: 'stop it first' });
  let current = appState(initial);
  const listeners = new Set<(s: AppState) => void>();
  const calls: { op: string; arg: unknown }[] = [];
  control.serve({
    call: async (op, arg) => {
      calls.push({ op, arg });
      if (op === 'getState') return ok(current);
      // What every client command asks first: the server's address, as the state says it.
      if (op === 'slotAccess' && !handlers.slotAccess) return ok({ url: current.server.url });
      const handler = handlers[op as OperationName] as ((a: unknown) => unknown) | undefined;
      if (!handler) return fail(`${op} is not scripted`);
      try {
        return ok(await handler(arg));
      } catch (err) {
        return fail((err as Error).message);
      }
    },
    state: () => current,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  return {
    configDir,
    calls,
    state: () => current,
    setState: (change) => {
      current = { ...current, ...change };
      for (const listener of listeners) listener(current);
    },
    close: () => control.close(),
  };
}
