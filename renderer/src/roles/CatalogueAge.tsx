import type { AppState } from '../../../preload/api';
import { formatAge } from '../../../common/time-format';
import { useNow } from '../ui/use-now';

/** Per IAM Identity Center instance, how old its role list is (the count is by the search box, once). */
export function CatalogueAge({ state }: { state: AppState }) {
  const now = useNow(30_000);
  if (state.sso.length === 0) return <span className="small muted grow">No IAM Identity Center instance yet</span>;
  const several = state.sso.length > 1;
  return (
    <span className="small muted grow">
      {state.sso.map((s) => (
        <span key={s.startUrl} className="catalogue-age" title={s.startUrl}>
          {several ? `${new URL(s.startUrl).host}: ` : 'List '}
          {s.catalogFetchedAt ? `fetched ${formatAge(now - s.catalogFetchedAt)}` : 'not fetched yet'}
        </span>
      ))}
    </span>
  );
}
