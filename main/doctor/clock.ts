import type { Finding } from './finding';
import { probe } from './probe';

/** Past this, signed AWS requests fail (SigV4 allows 5 minutes) and RoleTray's expiry times are off by as much. */
export const MAX_SKEW_MS = 5 * 60_000;

/**
 * This machine's clock against each IAM Identity Center portal's `Date` header. A portal that
 * cannot be reached says nothing about the clock and is left out.
 */
export async function clockFindings(endpoints: readonly string[], now: () => number): Promise<Finding[]> {
  for (const endpoint of endpoints) {
    const sent = now();
    const answer = await probe(new URL(endpoint), { method: 'HEAD' });
    if ('error' in answer || typeof answer.headers.date !== 'string') continue;
    const theirs = Date.parse(answer.headers.date);
    if (Number.isNaN(theirs)) continue;
    // Their clock read between the request and the answer; the header has whole seconds.
    const skew = (sent + now()) / 2 - theirs;
    if (Math.abs(skew) <= MAX_SKEW_MS + 1000) continue;
    const minutes = Math.round(Math.abs(skew) / 60_000);
    return [
      {
        id: 'clock-skew',
        problem: `This machine's clock is ${minutes} minutes ${skew > 0 ? 'ahead of' : 'behind'} IAM Identity Center's (${endpoint}): signed AWS requests fail, and credentials look fresher or staler than they are.`,
        fix: 'set the clock from the network (Linux: timedatectl set-ntp true; macOS and Windows: set date and time automatically)',
      },
    ];
  }
  return [];
}
