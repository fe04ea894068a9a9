import type { Notice, RoleTrayApi } from '../../../preload/api';
import { NoticeBanner } from './NoticeBanner';

/** Errors and warnings a person must see, until they dismiss them. */
export function Notices({ api, notices }: { api: RoleTrayApi; notices: readonly Notice[] }) {
  return (
    <section className="notices" aria-label="Notices" aria-live="polite">
      {notices.map((n) => (
        <NoticeBanner key={n.id} api={api} notice={n} />
      ))}
    </section>
  );
}
