import { HEADER_HEIGHT } from './picker';

/**
 * An account's header in the grouped list. Hidden from assistive technology: each option already
 * names its account, and a virtual list cannot nest its options in groups.
 */
export function AccountHeader({ accountName, accountId, top }: { accountName: string; accountId: string; top: number }) {
  return (
    <div className="role-group" aria-hidden="true" style={{ transform: `translateY(${top}px)`, height: HEADER_HEIGHT }}>
      <span className="role-group-name">{accountName}</span>
      <span className="mono muted">{accountId}</span>
    </div>
  );
}
