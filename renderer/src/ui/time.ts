/** "1 Dec 2026, 10:42": a moment in the person's own locale and time zone (the window only; the shared rules are in common/time-format.ts). */
export function formatClock(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
