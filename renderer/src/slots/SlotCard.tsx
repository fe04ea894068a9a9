import type { AppState, RoleTrayApi, SlotView } from '../../../preload/api';
import { MIN_SERVE_MS } from '../../../common/limits';
import { parseRoleKey } from '../../../common/role-key';
import { SignInPanel } from '../server/SignInPanel';
import { CopyEnvMenu } from '../ui/CopyEnvMenu';
import { OpStatus } from '../ui/OpStatus';
import { formatCountdown, urgencyOf } from '../../../common/time-format';
import { formatClock } from '../ui/time';
import { useOperation } from '../ui/use-operation';
import { RefreshBadge } from './RefreshBadge';

/** One loaded slot: who is in it, the countdown to expiry, and how to use, open or unload it. */
export function SlotCard({ api, state, slot, now }: { api: RoleTrayApi; state: AppState; slot: SlotView; now: number }) {
  const unload = useOperation();
  const consoleOp = useOperation();
  const left = slot.expiresAt - now;
  const urgency = urgencyOf(left);
  const title = slot.name === '' ? 'Default slot' : `Slot ${slot.name}`;
  const startUrl = slot.roleKey && parseRoleKey(slot.roleKey)?.startUrl;
  const sso = state.sso.find((s) => s.startUrl === startUrl);
  return (
    <article className="card slot" aria-label={title}>
      <header className="slot-head">
        <h2>{title}</h2>
        <span className={`badge ${slot.source === 'sso' ? 'info' : 'neutral'}`}>{slot.source === 'sso' ? 'SSO' : 'Pushed'}</span>
        <RefreshBadge slot={slot} />
        <span className="grow" />
        <span className={`countdown ${urgency}`} data-testid="countdown" title={`Expires ${formatClock(slot.expiresAt)}`}>
          <span className="visually-hidden">Time left: </span>
          {formatCountdown(left)}
          {urgency !== 'ok' && <span className="visually-hidden">{left <= 0 ? '' : urgency === 'soon' ? ' (under 15 minutes)' : ' (under 5 minutes)'}</span>}
        </span>
      </header>
      <dl className="facts">
        <dt>Profile</dt>
        <dd className="mono">{slot.profileName}</dd>
        <dt>Account</dt>
        <dd className="mono">{slot.accountId}</dd>
        <dt>Role</dt>
        <dd>{slot.roleName}</dd>
        <dt>Expires</dt>
        <dd>{formatClock(slot.expiresAt)}</dd>
      </dl>
      {slot.refresh === 'needs-login' && sso && <SignInPanel api={api} sso={sso} compact />}
      <div className="slot-actions">
        <CopyEnvMenu api={api} slot={slot.name} label={title} />
        <button type="button" className="btn" disabled={consoleOp.busy || left <= MIN_SERVE_MS} onClick={() => void consoleOp.run(() => api.openConsole({ slot: slot.name }), 'Opened the AWS console in your browser')}>
          Open console
        </button>
        <button type="button" className="btn" disabled={unload.busy} onClick={() => void unload.run(() => api.unload(slot.name), `Unloaded ${title.toLowerCase()}`)}>
          Unload
        </button>
      </div>
      <OpStatus op={unload} />
      <OpStatus op={consoleOp} />
    </article>
  );
}
