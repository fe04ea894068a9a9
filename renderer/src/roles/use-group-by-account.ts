import { useCallback, useState } from 'react';

const KEY = 'roletray.roles.groupByAccount';

function stored(): boolean {
  try {
    return localStorage.getItem(KEY) === 'true';
  } catch {
    return false;
  }
}

/**
 * Whether the role list is grouped by account. A view preference of this window, kept in the
 * page's own storage (roletray://app is a standard scheme), not a setting of the app.
 */
export function useGroupByAccount(): [boolean, (grouped: boolean) => void] {
  const [grouped, setGrouped] = useState(stored);
  const set = useCallback((next: boolean) => {
    setGrouped(next);
    try {
      localStorage.setItem(KEY, String(next));
    } catch {
      // Storage refused (a private window): the choice lasts until the window closes.
    }
  }, []);
  return [grouped, set];
}
