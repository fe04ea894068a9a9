import { useEffect, type RefObject } from 'react';
import { typingGoesToSearch } from './picker';

/** While mounted, a character typed anywhere (outside other fields) lands in the search box; it also takes the focus on mount. */
export function useTypingToSearch(searchRef: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typingGoesToSearch({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, target: e.target as HTMLElement | null })) searchRef.current?.focus();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [searchRef]);
  useEffect(() => searchRef.current?.focus(), [searchRef]);
}
