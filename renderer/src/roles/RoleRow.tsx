import { memo } from 'react';
import type { RoleView } from '../../../preload/api';
import { DEFAULT_PROFILE_FORMAT, formatProfileName } from '../../../common/profile-names';
import { ROW_HEIGHT } from './picker';

interface RowProps {
  role: RoleView;
  index: number;
  top: number;
  selected: boolean;
  pinned: boolean;
  loadedIn: string | undefined;
  onSelect: (i: number) => void;
  onLoad: (role: RoleView, slotted: boolean) => void;
  onPin: (role: RoleView) => void;
}

/** One option of the role list, placed by the virtual list; memoised so a keystroke repaints only the rows that changed. */
export const RoleRow = memo(function RoleRow({ role, index, top, selected, pinned, loadedIn, onSelect, onLoad, onPin }: RowProps) {
  return (
    <div
      id={`role-opt-${index}`}
      role="option"
      aria-selected={selected}
      className={`role-row${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => onSelect(index)}
      onDoubleClick={(e) => onLoad(role, e.shiftKey || e.altKey)}
    >
      <div className="role-main">
        <span className="role-name">{role.roleName}</span>
        <span className="role-account">{role.accountName}</span>
        {loadedIn && <span className="badge ok">in {loadedIn === 'default' ? 'default slot' : `slot ${loadedIn}`}</span>}
      </div>
      <div className="role-sub mono">
        <span>{role.accountId}</span>
        {role.profileName !== formatProfileName(DEFAULT_PROFILE_FORMAT, role) && <span className="muted">{role.profileName}</span>}
      </div>
      <button
        type="button"
        tabIndex={-1}
        className={`pin${pinned ? ' on' : ''}`}
        aria-label={pinned ? `Unpin ${role.profileName}` : `Pin ${role.profileName}`}
        aria-pressed={pinned}
        onClick={(e) => {
          e.stopPropagation();
          onPin(role);
        }}
      >
        {pinned ? '★' : '☆'}
      </button>
    </div>
  );
});
