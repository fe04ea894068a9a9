import { EXPIRING_SOON_MS, EXPIRING_URGENT_MS } from './limits';

/**
 * "1h5m", "59m", "42s" or "Expired": the compact remaining time of the server's slot summary
 * (`Expires`), the CLI's lists, the tray and the notifications.
 */
export function formatExpires(ms: number): string {
  if (ms <= 0) return 'Expired';
  const totalSeconds = Math.floor(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds}s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return `${minutes}m`;
  return minutes === 0 ? `${hours}h` : `${hours}h${minutes}m`;
}

/** "3:07", "1:02:09" or "expired": the window's live countdown (digits are fixed-width there). */
export function formatCountdown(ms: number): string {
  if (ms <= 0) return 'expired';
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

export type Urgency = 'ok' | 'soon' | 'urgent';

/** Amber under 15 minutes, red under 5 or expired. */
export function urgencyOf(ms: number): Urgency {
  if (ms < EXPIRING_URGENT_MS) return 'urgent';
  if (ms < EXPIRING_SOON_MS) return 'soon';
  return 'ok';
}

/** "just now", "4 min ago", "3 h ago", "2 days ago". */
export function formatAge(ms: number): string {
  const min = Math.floor(ms / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} days ago`;
}

/** "in 7 h 12 min", "in 4 min", "expired". */
export function formatIn(ms: number): string {
  if (ms <= 0) return 'expired';
  const min = Math.ceil(ms / 60_000);
  if (min < 60) return `in ${min} min`;
  const h = Math.floor(min / 60);
  const rest = min % 60;
  if (h < 48) return rest ? `in ${h} h ${rest} min` : `in ${h} h`;
  return `in ${Math.floor(h / 24)} days`;
}
