import { useEffect } from 'react';

const CANDIDATES = 'a[href], button, input, select, textarea, summary, [tabindex]';

/** The elements Tab stops at, in document order (this window sets no positive tabindex); only the open modal dialog's while one is open. */
function tabStops(doc: Document): HTMLElement[] {
  const modals = [...doc.querySelectorAll<HTMLDialogElement>('dialog:modal')];
  const scope = doc.activeElement?.closest<HTMLElement>('dialog:modal') ?? modals.at(-1) ?? doc;
  return [...scope.querySelectorAll<HTMLElement>(CANDIDATES)].filter(
    (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && !el.closest('[inert]') && el.checkVisibility({ visibilityProperty: true }),
  );
}

/**
 * Tab from the last control goes to the first, Shift+Tab from the first to the last, as in a
 * desktop window. Without it, Chromium moves the focus out of the page, onto <body>, for one stop.
 */
export function useTabWrap(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Tab' || e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      const stops = tabStops(document);
      if (stops.length === 0) return;
      const at = stops.indexOf(document.activeElement as HTMLElement);
      const onBody = document.activeElement === document.body || document.activeElement === null;
      const target = e.shiftKey ? (at === 0 || onBody ? stops.at(-1) : undefined) : at === stops.length - 1 || onBody ? stops[0] : undefined;
      if (!target) return;
      e.preventDefault();
      target.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
