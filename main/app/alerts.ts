import type { AppState } from '../../preload/api';
import { formatExpires } from '../../common/time-format';

/** Credentials that nothing will refresh are announced when this little is left. */
export const ALERT_EXPIRING_MS = 10 * 60_000;

export interface Alert {
  title: string;
  body: string;
}

/** Credentials nothing will refresh: the only ones whose alert depends on the clock. */
function unrefreshed(slot: AppState['slots'][number]): boolean {
  return slot.refresh !== 'needs-login' && (slot.source === 'pushed' || slot.refresh === 'retrying');
}

/**
 * The first moment after `now` at which the alerts would differ with no state change (credentials
 * enter their last ten minutes, or expire), or undefined if none will: the shell's timer wakes then.
 */
export function nextAlertChange(state: AppState, now: number): number | undefined {
  const moments = state.slots.filter(unrefreshed).flatMap((s) => [s.expiresAt - ALERT_EXPIRING_MS + 1, s.expiresAt]);
  const ahead = moments.filter((t) => t > now);
  return ahead.length ? Math.min(...ahead) : undefined;
}

/**
 * Decides the desktop notifications: credentials about to expire with no refresh possible, an SSO
 * sign-in needed, the server unable to start. Each cause is announced once, not on every tick;
 * it may be announced again only after it has gone away and come back.
 */
export class AlertPolicy {
  private active = new Set<string>();

  next(state: AppState, now: number): Alert[] {
    const causes = new Map<string, Alert>();
    if (!state.server.listening && state.server.error) {
      causes.set(`server:${state.server.error}`, { title: 'RoleTray server is not running', body: state.server.error });
    }
    for (const slot of state.slots) {
      const left = slot.expiresAt - now;
      const what = slot.name === '' ? slot.profileName : `${slot.profileName} (slot ${slot.name})`;
      if (slot.refresh === 'needs-login') {
        causes.set(`login:${slot.name}`, { title: 'Sign in to AWS again', body: `${what} cannot be refreshed until you sign in.` });
      } else if (unrefreshed(slot) && left > 0 && left < ALERT_EXPIRING_MS) {
        causes.set(`expiring:${slot.name}:${slot.expiresAt}`, { title: 'Credentials expiring', body: `${what} expires in ${formatExpires(left)}.` });
      }
    }
    const fresh = [...causes].filter(([key]) => !this.active.has(key)).map(([, alert]) => alert);
    this.active = new Set(causes.keys());
    return fresh;
  }
}
