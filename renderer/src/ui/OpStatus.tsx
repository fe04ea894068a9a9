import type { Operation } from './use-operation';

/** The outcome of one operation, next to its control: errors verbatim (role=alert), successes politely. */
export function OpStatus({ op, id }: { op: Operation; id?: string }) {
  if (op.error) {
    return (
      <p className="op-error" role="alert" id={id}>
        {op.error}
      </p>
    );
  }
  return (
    <p className="op-done" role="status" aria-live="polite" id={id}>
      {op.done ?? ''}
    </p>
  );
}
