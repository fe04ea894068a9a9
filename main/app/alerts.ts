import type { AppState, SsoInstance } from '../../preload/api';
import { nextSessionWarning, sessionWarning } from '../../common/session-warning';
import { formatExpires } from '../../common/time-format';

/** Credentials that nothing will refresh are announced when this little is left. */
export const ALERT_EXPIRING_MS = 10 * 60_000;

export interface Alert {
  title: string;
  body: string;
  /** The instance a click on the notification signs in to. */
  signIn?: SsoInstance;
}

/** Credentials nothing will refresh: the only ones whose alert depends on the clock. */
function unrefreshed(slot: AppState['slots'][number]): boolean {
  return slot.refresh !== 'needs-login' && (slot.source === 'pushed' || slot.refresh === 'retrying');
}

/**
 * The first moment after `now` at which the alerts would differ with no state change (credentials
 * enter their last ten minutes, or expire; a session reaches a warning or its end), or undefined if
 * none will: the shell's timer wakes then.
 */
export function nextAlertChange(state: AppState, now: number): number | undefined {
  const moments = [
    ...state.slots.filter(unrefreshed).flatMap((s) => [s.expiresAt - ALERT_EXPIRING_MS + 1, s.expiresAt]),
    ...state.sso.flatMap((s) => nextSessionWarning(s.sessionExpiresAt, now) ?? []),
  ];
  const ahead = moments.filter((t) => t > now);
  return ahead.length ? Math.min(...ahead) : undefined;
}

/** The notification for a session near or past its end, with the sign-in a click starts; undefined while none is due. */
function sessionAlert(sso: AppState['sso'][number], now: number): [string, Alert] | undefined {
  const warning = sessionWarning(sso.sessionExpiresAt, now);
  if (!warning) return undefined;
  const host = new URL(sso.startUrl).host;
  const signIn = { startUrl: sso.startUrl, region: sso.region };
  const key = `session:${sso.startUrl}:${sso.sessionExpiresAt}`;
  if (warning.stage === 'ended') {
    return [`${key}:ended`, { title: 'Sign in to AWS again', body: `Your session for ${host} has ended. Sign in to keep loaded roles refreshing.`, signIn }];
  }
  const left = formatExpires(sso.sessionExpiresAt! - now);
  return [`${key}:${warning.withinMs}`, { title: 'AWS session ending', body: `Your session for ${host} ends in ${left}. Sign in again to keep loaded roles refreshing.`, signIn }];
}

/**
 * Decides the desktop notifications: credentials about to expire with no refresh possible, an SSO
 * session 30 and 5 minutes before its end and at it, an SSO sign-in needed, the server unable to start. Each cause is announced once, not on every tick;
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
    for (const sso of state.sso) {
      const alert = sessionAlert(sso, now);
      if (alert) causes.set(...alert);
    }
    const fresh = [...causes].filter(([key]) => !this.active.has(key)).map(([, alert]) => alert);
    this.active = new Set(causes.keys());
    return fresh;
  }
}
