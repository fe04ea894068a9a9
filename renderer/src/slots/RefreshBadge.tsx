import type { SlotView } from '../../../preload/api';

/** Whether the slot keeps itself fresh, and what is wrong when it cannot. */
export function RefreshBadge({ slot }: { slot: SlotView }) {
  if (slot.source === 'pushed') return <span className="badge neutral">served until it expires</span>;
  if (slot.refresh === 'retrying') return <span className="badge warn">refresh failed, retrying</span>;
  if (slot.refresh === 'needs-login') return <span className="badge danger">sign-in needed to refresh</span>;
  if (slot.refresh === 'needs-mfa') return <span className="badge danger">MFA code needed to refresh</span>;
  return <span className="badge ok">auto-refresh</span>;
}
