import { useEffect, useState } from 'react';
import type { AppState, RoleTrayApi } from '../../preload/api';

/** The latest snapshot main pushed, or undefined before the first one. State flows one way: main → here. */
export function useAppState(api: RoleTrayApi): { state?: AppState; error?: string } {
  const [state, setState] = useState<AppState>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let pushed = false;
    const stop = api.onState((next) => {
      pushed = true;
      setState(next);
    });
    void api.getState().then((result) => {
      if (result.ok) {
        if (!pushed) setState(result.value);
      } else setError(result.error);
    });
    return stop;
  }, [api]);
  return { state, error };
}
