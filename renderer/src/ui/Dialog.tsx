import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  /** The id of the heading that names the dialog. */
  labelledBy: string;
  describedBy?: string;
  /** Escape: what the dialog's own cancel button does. */
  onCancel: () => void;
  className?: string;
  children: ReactNode;
}

/**
 * A modal dialog (the browser's own: the rest of the window is inert while it is open, and a
 * later one opens above it). It opens when it mounts; when it goes, the focus goes back to where
 * it was, if that is still on the page.
 */
export function Dialog({ labelledBy, describedBy, onCancel, className = '', children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef(onCancel);
  cancel.current = onCancel;
  useEffect(() => {
    const dialog = ref.current!;
    const before = document.activeElement as HTMLElement | null;
    const onEscape = (e: Event) => {
      e.preventDefault();
      cancel.current();
    };
    dialog.addEventListener('cancel', onEscape);
    dialog.showModal();
    return () => {
      dialog.removeEventListener('cancel', onEscape);
      if (dialog.open) dialog.close();
      if (before?.isConnected && (document.activeElement === document.body || document.activeElement === null)) before.focus();
    };
  }, []);
  return (
    <dialog ref={ref} className={`dialog ${className}`} aria-labelledby={labelledBy} aria-describedby={describedBy}>
      {children}
    </dialog>
  );
}
