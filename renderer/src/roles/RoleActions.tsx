import type { RoleTrayApi, RoleView } from '../../../preload/api';
import { useAssumeFrom } from '../chains/AssumeFrom';

interface Props {
  api: RoleTrayApi;
  active: RoleView | undefined;
  busy: boolean;
  pinned: boolean;
  onLoad: (role: RoleView | undefined, slotted: boolean) => void;
  onPin: (role: RoleView | undefined) => void;
  onConsole: (role: RoleView) => void;
}

/** The bar under the list: the selected role and what can be done with it, each with the key that does the same. */
export function RoleActions({ api, active, busy, pinned, onLoad, onPin, onConsole }: Props) {
  const assume = useAssumeFrom(api, true);
  return (
    <>
      <div className="role-actions" aria-label="Selected role">
        <span className="selected-name mono" aria-live="off">
          {active ? active.profileName : 'No role selected'}
        </span>
        <button type="button" className="btn primary" disabled={!active || busy} onClick={() => onLoad(active, false)} aria-keyshortcuts="Enter">
          Load
        </button>
        <button type="button" className="btn" disabled={!active || busy} onClick={() => onLoad(active, true)} aria-keyshortcuts="Shift+Enter">
          Load into its own slot
        </button>
        <button type="button" className="btn" disabled={!active || busy} onClick={() => onPin(active)} aria-keyshortcuts="Alt+P">
          {active && pinned ? 'Unpin' : 'Pin'}
        </button>
        <button type="button" className="btn" disabled={!active || busy} onClick={() => active && onConsole(active)}>
          Console
        </button>
        <button type="button" className="btn" disabled={!active || busy} onClick={() => active && assume.open(active.profileName)}>
          Assume a role from this one…
        </button>
      </div>
      {assume.view}
    </>
  );
}
