import type { AppState, Result } from '../../preload/api';
import { withPortAdvice } from '../server/listener';

/** A port in use, as the desktop app advises it: the person changes the Port field of the Server screen, not a flag. */
export const DESKTOP_PORT_ADVICE = 'Stop it, or choose another port under Server › Port.';

/** The state as the desktop shows it (window, tray, notifications). */
export function desktopState(state: AppState): AppState {
  const error = state.server.error;
  if (error === undefined || withPortAdvice(error, DESKTOP_PORT_ADVICE) === error) return state;
  return { ...state, server: { ...state.server, error: withPortAdvice(error, DESKTOP_PORT_ADVICE) } };
}

/** An operation's answer as the desktop shows it (changing the port on the Server screen can meet a port in use). */
export function desktopResult<T>(result: Result<T>): Result<T> {
  return result.ok ? result : { ok: false, error: withPortAdvice(result.error, DESKTOP_PORT_ADVICE) };
}
