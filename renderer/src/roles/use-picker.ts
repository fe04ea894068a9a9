import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RoleView } from '../../../preload/api';
import { activeIndexOf, clampRow, pageRowsFor, ROW_HEIGHT } from './picker';
import { indexRoles, searchRoles } from '../../../common/role-search';

/** The picker's state: the query, the matching roles in rank order, the selected one, and the virtual list showing them. */
export function usePicker(roles: readonly RoleView[], pinnedKeys: readonly string[], recentKeys: readonly string[]) {
  const index = useMemo(() => indexRoles(roles), [roles]);
  useEffect(() => {
    const idle = requestIdleCallback(() => void index.hay, { timeout: 500 });
    return () => cancelIdleCallback(idle);
  }, [index]);

  const [query, setQueryValue] = useState('');
  const results = useMemo(() => searchRoles(index, query, { pinned: pinnedKeys, recent: recentKeys }), [index, query, pinnedKeys, recentKeys]);
  const [selectedKey, setSelectedKey] = useState<string>();
  const activeIndex = useMemo(() => activeIndexOf(results, selectedKey), [results, selectedKey]);
  const active = activeIndex >= 0 ? results[activeIndex] : undefined;

  const listRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: results.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });

  const select = useCallback(
    (i: number) => {
      const next = clampRow(i, results.length);
      if (next < 0) return;
      setSelectedKey(results[next]!.key);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [results, virtualizer],
  );
  const selectRow = useCallback((i: number) => setSelectedKey(results[i]?.key), [results]);

  // A new query starts from its best match, at the top.
  const setQuery = (value: string) => {
    setQueryValue(value);
    setSelectedKey(undefined);
    listRef.current?.scrollTo({ top: 0 });
  };

  return {
    query,
    setQuery,
    results,
    active,
    activeIndex,
    select,
    selectRow,
    pageRows: pageRowsFor(listRef.current?.clientHeight),
    listRef,
    virtualizer,
  };
}
