import { useEffect, useRef, useState } from 'react';
import type { Operation } from '../ui/use-operation';

/**
 * "Unload all" asks first: every client reading a slot gets 404 afterwards, and credentials a
 * client pushed cannot be brought back. Escape or "Keep them" leaves everything as it is.
 */
export function UnloadAll({ count, op, onConfirm }: { count: number; op: Operation; onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  useEffect(() => {
    if (count === 0) setAsking(false);
  }, [count]);

  const keep = () => {
    setAsking(false);
    queueMicrotask(() => openRef.current?.focus());
  };

  if (!asking) {
    return (
      <button ref={openRef} type="button" className="btn danger" disabled={count === 0 || op.busy} onClick={() => setAsking(true)}>
        Unload all
      </button>
    );
  }
  const slots = count === 1 ? 'the loaded slot' : `all ${count} slots`;
  return (
    <div className="confirm" role="group" aria-label="Unload every slot?" onKeyDown={(e) => e.key === 'Escape' && keep()}>
      <span className="confirm-text">Unload {slots}? Clients reading them get 404.</span>
      <button
        ref={confirmRef}
        type="button"
        className="btn danger-solid"
        disabled={op.busy}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        Unload all
      </button>
      <button type="button" className="btn" onClick={keep}>
        Keep them
      </button>
    </div>
  );
}
