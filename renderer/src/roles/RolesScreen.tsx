import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { AppState, RoleTrayApi, RoleView } from '../../../preload/api';
import type { ScreenId } from '../screen-id';
import { OpStatus } from '../ui/OpStatus';
import { formatAge } from '../ui/time';
import { useNow } from '../ui/use-now';
import { useOperation } from '../ui/use-operation';
import { indexRoles, searchRoles } from './search';

const ROW_HEIGHT = 52;

/** The catalogue changes when a sign-in, a refresh or the profile-name format changes it. */
function catalogueSignature(state: AppState): string {
  return [state.settings.profileNameFormat, ...state.sso.map((s) => `${s.startUrl}|${s.signedIn}|${s.catalogFetchedAt ?? ''}|${s.roleCount}`)].join('\n');
}

function useRoles(api: RoleTrayApi, signature: string) {
  const [roles, setRoles] = useState<RoleView[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    setLoading(true);
    void api
      .listRoles()
      .then((result) => {
        if (!live) return;
        if (result.ok) {
          setRoles(result.value);
          setError(undefined);
        } else setError(result.error);
      })
      .catch((err: Error) => live && setError(err.message))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [api, signature]);
  return { roles, loading, error };
}

export function RolesScreen({ api, state, goTo }: { api: RoleTrayApi; state: AppState; goTo: (s: ScreenId) => void }) {
  const { roles, loading, error } = useRoles(api, catalogueSignature(state));
  const index = useMemo(() => indexRoles(roles), [roles]);
  useEffect(() => {
    const idle = requestIdleCallback(() => void index.hay, { timeout: 500 });
    return () => cancelIdleCallback(idle);
  }, [index]);
  const pinnedKeys = useMemo(() => state.pinned.map((r) => r.key), [state.pinned]);
  const recentKeys = useMemo(() => state.recents.map((r) => r.key), [state.recents]);
  const pinnedSet = useMemo(() => new Set(pinnedKeys), [pinnedKeys]);
  const loadedIn = useMemo(() => {
    const m = new Map<string, string>();
    for (const s of state.slots) if (s.roleKey) m.set(s.roleKey, s.name === '' ? 'default' : s.name);
    return m;
  }, [state.slots]);

  const [query, setQuery] = useState('');
  const results = useMemo(() => searchRoles(index, query, pinnedKeys, recentKeys), [index, query, pinnedKeys, recentKeys]);
  // The selection follows the role, not the row: a load or pin may reorder the list under it.
  const [selectedKey, setSelectedKey] = useState<string>();
  const activeIndex = useMemo(() => {
    if (selectedKey === undefined) return results.length ? 0 : -1;
    const at = results.findIndex((r) => r.key === selectedKey);
    return at >= 0 ? at : results.length ? 0 : -1;
  }, [results, selectedKey]);
  const active = activeIndex >= 0 ? results[activeIndex] : undefined;

  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: results.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });

  // Load and pin share one status line under the actions: it tells the outcome of the latest.
  const action = useOperation();
  const runAction = action.run;
  const refresh = useOperation();

  const loadRole = useCallback(
    (role: RoleView | undefined, slotted: boolean) => {
      if (!role) return;
      void runAction(
        () => api.loadRole(slotted ? { roleKey: role.key, slotted: true } : { roleKey: role.key }),
        (v) => `Loaded ${v.profileName} into ${v.slot ? `slot “${v.slot}”` : 'the default slot'}`,
      );
    },
    [api, runAction],
  );
  const togglePin = useCallback(
    (role: RoleView | undefined) => {
      if (!role) return;
      const pinned = !pinnedSet.has(role.key);
      void runAction(() => api.setPinned({ roleKey: role.key, pinned }), `${pinned ? 'Pinned' : 'Unpinned'} ${role.profileName}`);
    },
    [api, runAction, pinnedSet],
  );

  const select = useCallback(
    (i: number) => {
      if (results.length === 0) return;
      const next = Math.max(0, Math.min(i, results.length - 1));
      setSelectedKey(results[next]!.key);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [results, virtualizer],
  );
  const selectRow = useCallback((i: number) => setSelectedKey(results[i]?.key), [results]);

  const onQuery = (value: string) => {
    setQuery(value);
    setSelectedKey(undefined);
    listRef.current?.scrollTo({ top: 0 });
  };

  const pageRows = Math.max(1, Math.floor((listRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: pageRows, PageUp: -pageRows };
    const move = moves[e.key];
    if (move !== undefined) {
      e.preventDefault();
      select(activeIndex + move);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      loadRole(active, e.shiftKey || e.altKey);
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      onQuery('');
    } else if (e.altKey && (e.key === 'p' || e.key === 'P')) {
      e.preventDefault();
      togglePin(active);
    }
  };

  // Typing anywhere on this screen goes to the search box.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.key.length !== 1) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
      if (t?.tagName === 'BUTTON' && e.key === ' ') return;
      searchRef.current?.focus();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  useEffect(() => searchRef.current?.focus(), []);

  const signedIn = state.sso.some((s) => s.signedIn);
  const signingIn = state.sso.some((s) => s.signIn);
  const activeId = active ? `role-opt-${activeIndex}` : undefined;

  let empty: ReactNode = null;
  if (roles.length === 0) {
    if (loading) empty = <p role="status">Loading roles…</p>;
    else if (!signedIn)
      empty = (
        <>
          <h2>Sign in to see your roles</h2>
          <p>RoleTray lists the roles IAM Identity Center gives you once you sign in.</p>
          <button type="button" className="btn primary" onClick={() => goTo('server')}>
            {signingIn ? 'Continue sign-in' : 'Go to sign-in'}
          </button>
        </>
      );
    else empty = <p>No roles in the catalogue yet. Refresh it to fetch them.</p>;
  } else if (results.length === 0) {
    empty = (
      <p role="status">
        No role matches “{query.trim()}”. Every word must appear in the account id, account name, role name or profile name.
      </p>
    );
  }

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
          onChange={(e) => onQuery(e.target.value)}
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
        {empty && <div className="empty">{empty}</div>}
      </div>
      <div className="role-actions" aria-label="Selected role">
        <span className="selected-name mono" aria-live="off">
          {active ? active.profileName : 'No role selected'}
        </span>
        <button type="button" className="btn primary" disabled={!active || action.busy} onClick={() => loadRole(active, false)} aria-keyshortcuts="Enter">
          Load
        </button>
        <button type="button" className="btn" disabled={!active || action.busy} onClick={() => loadRole(active, true)} aria-keyshortcuts="Shift+Enter">
          Load into its own slot
        </button>
        <button type="button" className="btn" disabled={!active || action.busy} onClick={() => togglePin(active)} aria-keyshortcuts="Alt+P">
          {active && pinnedSet.has(active.key) ? 'Unpin' : 'Pin'}
        </button>
        <button type="button" className="btn" disabled={!active || action.busy} onClick={() => active && void runAction(() => api.openConsole({ roleKey: active.key }), `Opened the AWS console as ${active.profileName}`)}>
          Console
        </button>
      </div>
      <OpStatus op={action} />
    </section>
  );
}

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

const RoleRow = memo(function RoleRow({ role, index, top, selected, pinned, loadedIn, onSelect, onLoad, onPin }: RowProps) {
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
        {role.profileName !== `${role.accountId}:${role.roleName}` && <span className="muted">{role.profileName}</span>}
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

function CatalogueAge({ state }: { state: AppState }) {
  const now = useNow(30_000);
  if (state.sso.length === 0) return <span className="small muted grow">No IAM Identity Center instance yet</span>;
  return (
    <span className="small muted grow">
      {state.sso.map((s) => (
        <span key={s.startUrl} className="catalogue-age" title={s.startUrl}>
          {s.roleCount.toLocaleString()} roles · {s.catalogFetchedAt ? `fetched ${formatAge(now - s.catalogFetchedAt)}` : 'not fetched yet'}
        </span>
      ))}
    </span>
  );
}
