import { useLayoutEffect, useState } from 'react';
import type { AppState, RoleTrayApi, RoleView } from '../../../preload/api';
import { catalogueSignature } from './catalogue-signature';

/** The role catalogue, fetched from main on mount and again whenever the catalogue changes; an answer that arrives after a newer request is dropped. */
export function useRoles(api: RoleTrayApi, state: AppState) {
  const signature = catalogueSignature(state);
  const [roles, setRoles] = useState<RoleView[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  // Asked before the screen's first paint rather than after it, as a passive effect would: the
  // rows need not wait for a frame of the screen without them.
  useLayoutEffect(() => {
    let live = true;
    setLoading(true);
    void api
      .listRoles()
      .then((result) => {
        if (!live) return;
        if (result.ok) {
          setRoles(result.value);
          setError(undefined);
        } else setError(result.error);
      })
      .catch((err: Error) => live && setError(err.message))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [api, signature]);
  return { roles, loading, error };
}
