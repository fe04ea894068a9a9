import { useCallback, useRef, useState } from 'react';
import type { Result } from '../../../preload/api';

export interface Operation {
  busy: boolean;
  error?: string;
  /** A success message, for the aria-live status next to the control. */
  done?: string;
  run<T>(call: () => Promise<Result<T>>, doneMessage?: string | ((value: T) => string)): Promise<Result<T>>;
  clear(): void;
}

/**
 * One control's call into main: tracks busy, keeps the Result's error to show next to that
 * control, so nothing fails silently. A thrown error (a broken bridge) is shown the same way.
 */
export function useOperation(): Operation {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const seq = useRef(0);
  const run = useCallback(async <T,>(call: () => Promise<Result<T>>, doneMessage?: string | ((value: T) => string)) => {
    const mine = ++seq.current;
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    let result: Result<T>;
    try {
      result = await call();
    } catch (err) {
      result = { ok: false, error: (err as Error).message || String(err) };
    }
    if (mine !== seq.current) return result;
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return result;
    }
    if (doneMessage) setDone(typeof doneMessage === 'function' ? doneMessage(result.value) : doneMessage);
    return result;
  }, []);
  const clear = useCallback(() => {
    setError(undefined);
    setDone(undefined);
  }, []);
  return { busy, error, done, run, clear };
}
