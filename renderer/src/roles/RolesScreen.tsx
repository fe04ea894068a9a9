import { useMemo, useRef, type KeyboardEvent } from 'react';
import type { AppState, RoleTrayApi } from '../../../preload/api';
import type { ScreenId } from '../screen-id';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';
import { CatalogueAge } from './CatalogueAge';
import { EmptyRoleList } from './EmptyRoleList';
import { emptyListOf, searchKeyAction, slotsByRole } from './picker';
import { RoleActions } from './RoleActions';
import { RoleRow } from './RoleRow';
import { usePicker } from './use-picker';
import { useRoleActions } from './use-role-actions';
import { useRoles } from './use-roles';
import { useTypingToSearch } from './use-typing-to-search';

export function RolesScreen({ api, state, goTo }: { api: RoleTrayApi; state: AppState; goTo: (s: ScreenId) => void }) {
  const { roles, loading, error } = useRoles(api, state);
  const pinnedKeys = useMemo(() => state.pinned.map((r) => r.key), [state.pinned]);
  const recentKeys = useMemo(() => state.recents.map((r) => r.key), [state.recents]);
  const pinnedSet = useMemo(() => new Set(pinnedKeys), [pinnedKeys]);
  const loadedIn = useMemo(() => slotsByRole(state.slots), [state.slots]);

  const { query, setQuery, results, active, activeIndex, select, selectRow, pageRows, listRef, virtualizer } = usePicker(roles, pinnedKeys, recentKeys);
  const { action, loadRole, togglePin, openConsole } = useRoleActions(api, pinnedSet);
  const refresh = useOperation();

  const searchRef = useRef<HTMLInputElement>(null);
  useTypingToSearch(searchRef);

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const todo = searchKeyAction(e, pageRows, query !== '');
    if (!todo) return;
    e.preventDefault();
    if (todo.kind === 'move') select(activeIndex + todo.by);
    else if (todo.kind === 'load') loadRole(active, todo.slotted);
    else if (todo.kind === 'clear') setQuery('');
    else togglePin(active);
  };

  const signedIn = state.sso.some((s) => s.signedIn);
  const signingIn = state.sso.some((s) => s.signIn);
  const activeId = active ? `role-opt-${activeIndex}` : undefined;
  const empty = emptyListOf(roles.length, results.length, loading, signedIn);

  return (
    <section className="screen roles-screen" aria-labelledby="roles-title">
      <header className="screen-head">
        <h1 id="roles-title">Roles</h1>
        <CatalogueAge state={state} />
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
          placeholder={`Search ${roles.length.toLocaleString()} roles: account, id, role, profile`}
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKey}
        />
        <span className="small muted count" aria-live="polite">
          {query ? `${results.length.toLocaleString()} of ${roles.length.toLocaleString()}` : `${roles.length.toLocaleString()} roles`}
        </span>
      </div>
      <p id="role-keys" className="small muted keys">
        <kbd>↑</kbd> <kbd>↓</kbd> select · <kbd>Enter</kbd> load into the default slot · <kbd>Shift</kbd>+<kbd>Enter</kbd> load into its own slot · <kbd>Alt</kbd>+<kbd>P</kbd> pin
      </p>
      <div className="role-list-wrap">
        <div ref={listRef} className="role-list" id="role-list" role="listbox" aria-label="Roles" data-query={query} tabIndex={-1}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const role = results[item.index]!;
              return (
                <RoleRow
                  key={role.key}
                  role={role}
                  index={item.index}
                  top={item.start}
                  selected={item.index === activeIndex}
                  pinned={pinnedSet.has(role.key)}
                  loadedIn={loadedIn.get(role.key)}
                  onSelect={selectRow}
                  onLoad={loadRole}
                  onPin={togglePin}
                />
              );
            })}
          </div>
        </div>
        {empty && <EmptyRoleList why={empty} query={query} signingIn={signingIn} goTo={goTo} />}
      </div>
      <RoleActions active={active} busy={action.busy} pinned={active !== undefined && pinnedSet.has(active.key)} onLoad={loadRole} onPin={togglePin} onConsole={openConsole} />
      <OpStatus op={action} />
    </section>
  );
}
