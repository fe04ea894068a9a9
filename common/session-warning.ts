/**
 * When a person is told their IAM Identity Center session is about to end: 30 and 5 minutes
 * before, and at the end. The tray, the notifications and the window all follow these moments.
 */
export const SESSION_WARNINGS_MS = [30 * 60_000, 5 * 60_000] as const;

/** Where a session stands: ending within one of the warnings (the smallest that applies), or ended. */
export type SessionWarning = { stage: 'ending'; withinMs: (typeof SESSION_WARNINGS_MS)[number] } | { stage: 'ended' };

/** The warning due at `now` for a session ending at `endsAt`, or undefined while none is. */
export function sessionWarning(endsAt: number | undefined, now: number): SessionWarning | undefined {
  if (endsAt === undefined) return undefined;
  if (now >= endsAt) return { stage: 'ended' };
  const within = SESSION_WARNINGS_MS.filter((ms) => endsAt - now <= ms);
  return within.length ? { stage: 'ending', withinMs: within[within.length - 1]! } : undefined;
}

/** The next moment after `now` at which the warning changes (a threshold is crossed, or the end), or undefined. */
export function nextSessionWarning(endsAt: number | undefined, now: number): number | undefined {
  if (endsAt === undefined) return undefined;
  return [...SESSION_WARNINGS_MS.map((ms) => endsAt - ms), endsAt].find((t) => t > now);
}
