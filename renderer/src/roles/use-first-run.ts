import { useEffect, useState } from 'react';
import type { AppState } from '../../../preload/api';

/**
 * Whether the Roles screen shows the first-run setup: while no IAM Identity Center instance is
 * configured, and, once one is saved from the setup, until a sign-in succeeds (so a cancelled or
 * failed first sign-in stays on the setup instead of dropping the person on an empty list).
 */
export function useFirstRun(state: AppState): boolean {
  const none = state.settings.ssoInstances.length === 0;
  const signedIn = state.sso.some((s) => s.signedIn);
  const [started, setStarted] = useState(none);
  useEffect(() => {
    if (none) setStarted(true);
    else if (signedIn) setStarted(false);
  }, [none, signedIn]);
  return none || (started && !signedIn);
}
