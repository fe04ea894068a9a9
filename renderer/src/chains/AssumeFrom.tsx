import { useState, type ReactNode } from 'react';
import type { RoleTrayApi } from '../../../preload/api';
import { AssumeRoleDialog } from './AssumeRoleDialog';

/**
 * "Assume a role from this one…" for a source (a role, a chain, an IAM user): `open(via)` shows
 * the dialog; `view` is the dialog while open and the line that says what was loaded.
 * `chained`: the source is itself a role session, so STS caps the new session at an hour.
 */
export function useAssumeFrom(api: RoleTrayApi, chained: boolean): { open: (via: string) => void; view: ReactNode } {
  const [via, setVia] = useState<string>();
  const [assumed, setAssumed] = useState<string>();
  const view = (
    <>
      <p className="op-done" role="status" aria-live="polite">
        {assumed ?? ''}
      </p>
      {via !== undefined && (
        <AssumeRoleDialog
          api={api}
          via={via}
          chained={chained}
          onLoaded={(message) => {
            setVia(undefined);
            setAssumed(message);
          }}
          onClose={() => setVia(undefined)}
        />
      )}
    </>
  );
  return { open: setVia, view };
}
