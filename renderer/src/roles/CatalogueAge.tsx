import type { AppState } from '../../../preload/api';
import { formatAge } from '../../../common/time-format';
import { useNow } from '../ui/use-now';

/** Per IAM Identity Center instance: how many roles, and how old the list is. */
export function CatalogueAge({ state }: { state: AppState }) {
  const now = useNow(30_000);
  if (state.sso.length === 0) return <span className="small muted grow">No IAM Identity Center instance yet</span>;
  return (
    <span className="small muted grow">
      {state.sso.map((s) => (
        <span key={s.startUrl} className="catalogue-age" title={s.startUrl}>
          {s.roleCount.toLocaleString()} roles · {s.catalogFetchedAt ? `fetched ${formatAge(now - s.catalogFetchedAt)}` : 'not fetched yet'}
        </span>
      ))}
    </span>
  );
}
