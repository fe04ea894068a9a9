import type { Operation } from '../ui/use-operation';
import { ConfirmButton } from '../ui/ConfirmButton';

/** "Unload all" asks first: every client reading a slot gets 404 afterwards, and credentials a client pushed cannot be brought back. */
export function UnloadAll({ count, op, onConfirm }: { count: number; op: Operation; onConfirm: () => void }) {
  return (
    <ConfirmButton
      label="Unload all"
      question={`Unload ${count === 1 ? 'the loaded slot' : `all ${count} slots`}? Clients reading them get 404.`}
      groupLabel="Unload every slot?"
      confirmLabel="Unload all"
      keepLabel="Keep them"
      disabled={count === 0 || op.busy}
      onConfirm={onConfirm}
    />
  );
}
