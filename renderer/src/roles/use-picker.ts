import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RoleView } from '../../../preload/api';
import { activeIndexOf, clampRow, HEADER_HEIGHT, pageRowsFor, roleList, ROW_HEIGHT } from './picker';
import { indexRoles, rankRoles } from '../../../common/role-search';

interface Ranking {
  roles: readonly RoleView[];
  pinned: readonly string[];
  recent: readonly string[];
}

/** How long one idle callback prepares the search for, where the browser cannot say a key is waiting: about the wait a keystroke can bear. */
const WARM_BUDGET_MS = 3;

/** Chromium's navigator.scheduling.isInputPending, when there: whether an input event waits for the page. */
const scheduling = (navigator as { scheduling?: { isInputPending?: () => boolean } }).scheduling;
const inputPending = scheduling?.isInputPending?.bind(scheduling);

/**
 * The picker's state: the query, the matching roles in rank order (grouped by account or not),
 * the selected one, and the virtual list showing them. The list is ranked in the keystroke's own
 * render, not deferred: a deferred list paints a frame after the box (measured: ~8 ms median
 * keystroke-to-paint became ~20 ms), and the search is fast enough at 50,000 roles not to need it.
 */
export function usePicker(roles: readonly RoleView[], pinnedKeys: readonly string[], recentKeys: readonly string[], grouped: boolean) {
  const index = useMemo(() => indexRoles(roles), [roles]);
  // In slices that stop when a key is waiting: done in one task, 50,000 roles' work (~50 ms)
  // held up a keystroke typed while it ran, and so did idle callbacks that used all the idle time
  // offered (up to 50 ms: typing does not shorten it). Without isInputPending, a few milliseconds
  // at a time. The first slice comes within 500 ms even if the page is busy.
  useEffect(() => {
    const step = (deadline: IdleDeadline) => {
      const until = performance.now() + WARM_BUDGET_MS;
      const go = inputPending ? () => !inputPending() : () => performance.now() < until;
      if (!index.warm(() => deadline.timeRemaining() > 1 && go())) idle = requestIdleCallback(step);
    };
    let idle = requestIdleCallback(step, { timeout: 500 });
    return () => cancelIdleCallback(idle);
  }, [index]);

  // Pinned and recent roles rank first as of the last query or catalogue, not live: a load or a
  // pin changes them, and the rows must not move under the pointer that just loaded one.
  const [ranking, setRanking] = useState<Ranking>({ roles, pinned: pinnedKeys, recent: recentKeys });
  if (ranking.roles !== roles) setRanking({ roles, pinned: pinnedKeys, recent: recentKeys });

  const [query, setQueryValue] = useState('');
  const results = useMemo(() => rankRoles(index, query, { pinned: ranking.pinned, recent: ranking.recent }), [index, query, ranking]);
  const list = useMemo(() => roleList(results, grouped), [results, grouped]);
  const [selectedKey, setSelectedKey] = useState<string>();
  const activeIndex = useMemo(() => activeIndexOf(list.roles, selectedKey), [list, selectedKey]);
  const active = activeIndex >= 0 ? list.roles.at(activeIndex) : undefined;

  const listRef = useRef<HTMLDivElement>(null);
  // Sizes change with a grouped list; the virtual list places its items again when list.keyAt does.
  const estimateSize = useCallback((i: number) => (list.isHeader(i) ? HEADER_HEIGHT : ROW_HEIGHT), [list]);
  const virtualizer = useVirtualizer({ count: list.count, getScrollElement: () => listRef.current, estimateSize, getItemKey: list.keyAt, overscan: 3 });

  const select = useCallback(
    (i: number) => {
      const next = clampRow(i, list.roles.length);
      if (next < 0) return;
      setSelectedKey(list.roles.at(next)!.key);
      // The first role of a group brings its header into view with it.
      const item = list.itemOf(next);
      virtualizer.scrollToIndex(grouped && item > 0 && list.isHeader(item - 1) ? item - 1 : item, { align: 'auto' });
    },
    [list, grouped, virtualizer],
  );
  const selectRow = useCallback((i: number) => setSelectedKey(list.roles.at(i)?.key), [list]);

  // A new query starts from its best match, at the top, ranked with the latest pins and loads.
  const setQuery = (value: string) => {
    setQueryValue(value);
    if (ranking.pinned !== pinnedKeys || ranking.recent !== recentKeys) setRanking({ roles, pinned: pinnedKeys, recent: recentKeys });
    setSelectedKey(undefined);
    // The virtual list knows where it is scrolled; asking the element would lay the page out in the keystroke.
    if (virtualizer.scrollOffset) virtualizer.scrollToOffset(0);
  };

  return {
    query,
    setQuery,
    list,
    active,
    activeIndex,
    select,
    selectRow,
    /** Read when a page key is pressed, not on every render: asking for the list's height makes the browser lay the page out. */
    pageRows: () => pageRowsFor(listRef.current?.clientHeight),
    listRef,
    virtualizer,
  };
}
