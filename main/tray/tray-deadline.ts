import type { AppState } from '../../preload/api';
import { trayMenu } from './tray-menu';

/**
 * The first moment after `now` at which the tray looks different with no state change (the
 * countdown moves to the next minute, a slot turns amber or expires), or undefined if it never
 * will. Asked of `trayMenu` itself, so it can never disagree with what the tray shows: with time
 * alone the tray only moves forward (counts down, never back up), so once it differs from now
 * it stays different, and a binary search finds the first such millisecond.
 */
export function nextTrayChange(state: AppState, now: number): number | undefined {
  const last = Math.max(...state.slots.map((s) => s.expiresAt));
  if (!(last > now)) return undefined;
  const at = (t: number) => JSON.stringify(trayMenu(state, t));
  const current = at(now);
  // At `last` the last slot reads "Expired", which it did not at `now`.
  let same = 0;
  let differs = last - now;
  while (differs - same > 1) {
    const mid = Math.floor((same + differs) / 2);
    if (at(now + mid) === current) same = mid;
    else differs = mid;
  }
  return now + differs;
}
