/** "3:07", "1:02:09": remaining time for a countdown; digits are fixed-width in the UI. */
export function formatRemaining(ms: number): string {
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
  if (ms < 5 * 60_000) return 'urgent';
  if (ms < 15 * 60_000) return 'soon';
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

export function formatClock(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
