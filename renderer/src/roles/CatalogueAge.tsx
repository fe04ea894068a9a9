import type { AppState } from '../../../preload/api';
import { useNow } from '../ui/use-now';
import { catalogueLine } from './catalogue-line';

/** Per IAM Identity Center instance, how old its role list is and, while one is fetched, how far it got (the count is by the search box, once). */
export function CatalogueAge({ state }: { state: AppState }) {
  const now = useNow(30_000);
  if (state.sso.length === 0) return <span className="small muted grow">No IAM Identity Center instance yet</span>;
  const several = state.sso.length > 1;
  return (
    <span className="small muted grow">
      {state.sso.map((s) => (
        <span key={s.startUrl} className="catalogue-age" title={s.startUrl}>
          {catalogueLine(s, now, several)}
        </span>
      ))}
    </span>
  );
}
