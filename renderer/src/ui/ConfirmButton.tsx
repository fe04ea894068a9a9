import { useEffect, useRef, useState } from 'react';

interface Props {
  /** The button before asking, e.g. "Unload all". */
  label: string;
  /** What happens, asked as a question. */
  question: string;
  /** The group's accessible name. */
  groupLabel: string;
  confirmLabel: string;
  keepLabel: string;
  disabled: boolean;
  onConfirm: () => void;
  className?: string;
}

/**
 * A button for a change that cannot be taken back: it asks first, in place. The confirming button
 * takes the focus; Escape or the keep button leaves everything as it was.
 */
export function ConfirmButton({ label, question, groupLabel, confirmLabel, keepLabel, disabled, onConfirm, className = 'btn danger' }: Props) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      openRef.current?.focus();
    }
  }, [asking]);

  // Nothing left to confirm (the slots went, the operation runs): stop asking.
  useEffect(() => {
    if (disabled) setAsking(false);
  }, [disabled]);

  const keep = () => {
    returnFocus.current = true;
    setAsking(false);
  };

  if (!asking) {
    return (
      <button ref={openRef} type="button" className={className} disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={groupLabel} onKeyDown={(e) => e.key === 'Escape' && keep()}>
      <span className="confirm-text">{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className="btn danger-solid"
        onClick={() => {
          returnFocus.current = true;
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="btn" onClick={keep}>
        {keepLabel}
      </button>
    </div>
  );
}
