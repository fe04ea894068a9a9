import type { Notice, RoleTrayApi } from '../../../preload/api';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';

/** One notice, with its level, time and a Dismiss that says so when dismissing fails. */
export function NoticeBanner({ api, notice }: { api: RoleTrayApi; notice: Notice }) {
  const dismiss = useOperation();
  return (
    <div className={`notice ${notice.level}`} role={notice.level === 'error' ? 'alert' : undefined}>
      <span className="notice-level">{notice.level === 'error' ? 'Error' : notice.level === 'warning' ? 'Warning' : 'Note'}</span>
      <p className="notice-text">{notice.message}</p>
      <time className="small muted" dateTime={new Date(notice.at).toISOString()}>
        {new Date(notice.at).toLocaleTimeString(undefined, { timeStyle: 'short' })}
      </time>
      <button type="button" className="btn ghost" disabled={dismiss.busy} onClick={() => void dismiss.run(() => api.dismissNotice(notice.id))} aria-label={`Dismiss: ${notice.message}`}>
        Dismiss
      </button>
      {dismiss.error && <OpStatus op={dismiss} />}
    </div>
  );
}
