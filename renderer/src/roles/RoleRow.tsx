import { memo } from 'react';
import type { RoleView } from '../../../preload/api';
import { DEFAULT_PROFILE_FORMAT, formatProfileName } from '../../../common/profile-names';
import { Highlight } from './Highlight';
import { ROW_HEIGHT } from './picker';

interface RowProps {
  role: RoleView;
  index: number;
  top: number;
  selected: boolean;
  pinned: boolean;
  loadedIn: string | undefined;
  query: string;
  onSelect: (i: number) => void;
  onLoad: (role: RoleView, slotted: boolean) => void;
  onPin: (role: RoleView) => void;
}

/** Whether a role's profile name is its own, not the default one (then the row shows it); asked on every keystroke for each row drawn, so kept per role. */
const ownProfileName = new WeakMap<RoleView, boolean>();
function hasOwnProfileName(role: RoleView): boolean {
  let own = ownProfileName.get(role);
  if (own === undefined) ownProfileName.set(role, (own = role.profileName !== formatProfileName(DEFAULT_PROFILE_FORMAT, role)));
  return own;
}

/** One option of the role list, placed by the virtual list; memoised so a keystroke repaints only the rows that changed. */
export const RoleRow = memo(function RoleRow({ role, index, top, selected, pinned, loadedIn, query, onSelect, onLoad, onPin }: RowProps) {
  const slot = loadedIn === undefined ? undefined : loadedIn === 'default' ? 'in default slot' : loadedIn === role.profileName ? 'in its own slot' : `in slot ${loadedIn}`;
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
        <span className="role-name">
          <Highlight text={role.roleName} query={query} />
        </span>
        <span className="role-account" title={role.accountName}>
          <Highlight text={role.accountName} query={query} />
        </span>
      </div>
      <div className="role-sub">
        <span className="mono">
          <Highlight text={role.accountId} query={query} />
        </span>
        {hasOwnProfileName(role) && (
          <span className="mono muted role-profile" title={role.profileName}>
            <Highlight text={role.profileName} query={query} />
          </span>
        )}
        {slot && (
          <span className="badge ok" title={loadedIn === 'default' ? undefined : `Slot ${loadedIn}`}>
            {slot}
          </span>
        )}
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
