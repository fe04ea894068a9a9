/**
 * Exponential backoff with "equal jitter" (AWS Architecture Blog): a wait between half and all of
 * min(cap, base * 2^attempt). The random half spreads out clients that failed together; the fixed
 * half keeps a retry from coming back almost at once. `attempt` counts from 0.
 */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
