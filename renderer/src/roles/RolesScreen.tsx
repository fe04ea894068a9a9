import { useMemo, useRef, type KeyboardEvent } from 'react';
import type { AppState, RoleTrayApi } from '../../../preload/api';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';
import { CatalogueAge } from './CatalogueAge';
import { EmptyRoleList } from './EmptyRoleList';
import { FirstRunSetup } from './FirstRunSetup';
import { emptyListOf, searchKeyAction, slotsByRole, type EmptyList } from './picker';
import { RoleActions } from './RoleActions';
import { RoleRow } from './RoleRow';
import { SignedOutBanner } from './SignedOutBanner';
import { useFirstRun } from './use-first-run';
import { usePicker } from './use-picker';
import { useRoleActions } from './use-role-actions';
import { useRoles } from './use-roles';
import { useTypingToSearch } from './use-typing-to-search';
import { AccountHeader } from './AccountHeader';
import { useGroupByAccount } from './use-group-by-account';

export function RolesScreen({ api, state }: { api: RoleTrayApi; state: AppState }) {
  const firstRun = useFirstRun(state);
  if (firstRun) {
    return (
      <section className="screen" aria-labelledby="roles-title">
        <header className="screen-head">
          <h1 id="roles-title">Roles</h1>
          <CatalogueAge state={state} />
        </header>
        <FirstRunSetup api={api} state={state} />
      </section>
    );
  }
  return <RolePicker api={api} state={state} />;
}

/** The picker: search, the list, and what to do with the selected role. */
function RolePicker({ api, state }: { api: RoleTrayApi; state: AppState }) {
  const { roles, loading, error } = useRoles(api, state);
  const pinnedKeys = useMemo(() => state.pinned.map((r) => r.key), [state.pinned]);
  const recentKeys = useMemo(() => state.recents.map((r) => r.key), [state.recents]);
  const pinnedSet = useMemo(() => new Set(pinnedKeys), [pinnedKeys]);
  const loadedIn = useMemo(() => slotsByRole(state.slots), [state.slots]);

  const [grouped, setGrouped] = useGroupByAccount();
  const { query, setQuery, list, active, activeIndex, select, selectRow, pageRows, listRef, virtualizer } = usePicker(roles, pinnedKeys, recentKeys, grouped);
  const results = list.roles;
  const { action, loadRole, togglePin, openConsole } = useRoleActions(api, pinnedSet);
  const refresh = useOperation();

  const searchRef = useRef<HTMLInputElement>(null);
  useTypingToSearch(searchRef);

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const todo = searchKeyAction(e, pageRows, query !== '');
    if (!todo) return;
    e.preventDefault();
    if (todo.kind === 'move') select(activeIndex + todo.by);
    else if (todo.kind === 'jump') select(todo.to === 'first' ? 0 : results.length - 1);
    else if (todo.kind === 'load') loadRole(active, todo.slotted);
    else if (todo.kind === 'clear') setQuery('');
    else togglePin(active);
  };

  const signedIn = state.sso.some((s) => s.signedIn);
  const signedOut = state.sso.filter((s) => !s.signedIn);
  const activeId = active ? `role-opt-${activeIndex}` : undefined;
  const empty = emptyListOf(roles.length, results.length, loading, signedIn);
  const count = roles.length.toLocaleString();

  return (
    <section className="screen roles-screen" aria-labelledby="roles-title">
      <header className="screen-head">
        <h1 id="roles-title">Roles</h1>
        <CatalogueAge state={state} />
        <label className="switch small">
          <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} />
          Group by account
        </label>
        <button type="button" className="btn" disabled={refresh.busy || !signedIn} onClick={() => void refresh.run(() => api.refreshCatalog(), 'Catalogue refreshed')}>
          {refresh.busy ? 'Refreshing…' : 'Refresh'}
        </button>
      </header>
      <OpStatus op={refresh} />
      {error && (
        <p className="op-error" role="alert">
          Could not list roles: {error}
        </p>
      )}
      {roles.length > 0 && signedOut.length > 0 && <SignedOutBanner api={api} signedOut={signedOut} />}
      <div className="search-row">
        <label htmlFor="role-search" className="visually-hidden">
          Search roles
        </label>
        <input
          ref={searchRef}
          id="role-search"
          className="search"
          type="search"
          role="combobox"
          aria-expanded={results.length > 0}
          aria-controls="role-list"
          aria-activedescendant={activeId}
          aria-autocomplete="list"
          aria-describedby="role-keys"
          placeholder={searchPlaceholder(roles.length, empty)}
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKey}
        />
        {roles.length > 0 && (
          <span className="small muted count" aria-live="polite">
            {query ? `${results.length.toLocaleString()} of ${count}` : `${count} roles`}
          </span>
        )}
      </div>
      <p id="role-keys" className="small muted keys">
        <kbd>↑</kbd> <kbd>↓</kbd> <kbd>Home</kbd> <kbd>End</kbd> select · <kbd>Enter</kbd> load into the default slot · <kbd>Shift</kbd>+<kbd>Enter</kbd> load into its own slot · <kbd>Alt</kbd>+<kbd>P</kbd> pin
      </p>
      <div className="role-list-wrap">
        <div ref={listRef} className="role-list" id="role-list" role="listbox" aria-label="Roles" data-query={query} tabIndex={-1}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const item = list.itemAt(v.index);
              if (item.kind === 'account') return <AccountHeader key={item.key} accountName={item.accountName} accountId={item.accountId} top={v.start} />;
              return (
                // Keyed by place, not by role: a keystroke puts other roles in the same rows, which
                // React then updates in place instead of removing and making a screenful of rows.
                <RoleRow
                  key={v.index}
                  role={item.role}
                  index={item.at}
                  top={v.start}
                  selected={item.at === activeIndex}
                  pinned={pinnedSet.has(item.key)}
                  loadedIn={loadedIn.get(item.key)}
                  query={query}
                  onSelect={selectRow}
                  onLoad={loadRole}
                  onPin={togglePin}
                />
              );
            })}
          </div>
        </div>
        {empty && <EmptyRoleList why={empty} query={query} api={api} signedOut={signedOut} />}
      </div>
      <RoleActions api={api} active={active} busy={action.busy} pinned={active !== undefined && pinnedSet.has(active.key)} onLoad={loadRole} onPin={togglePin} onConsole={openConsole} />
      <OpStatus op={action} />
    </section>
  );
}

/** What the search box invites: a search over the roles there are, or what to do while there are none. */
function searchPlaceholder(roleCount: number, empty: EmptyList | undefined): string {
  if (roleCount > 0) return `Search ${roleCount.toLocaleString()} roles: account, id, role, profile`;
  if (empty === 'loading') return 'Loading roles…';
  if (empty === 'signed-out') return 'Sign in below to search your roles';
  return 'No roles yet: Refresh fetches them';
}
