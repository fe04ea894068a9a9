import type { AppState, RoleTrayApi, SlotView } from '../../../preload/api';
import { MIN_SERVE_MS } from '../../../common/limits';
import { parseRoleKey } from '../../../common/role-key';
import { SignInPanel } from '../server/SignInPanel';
import { copyText } from '../ui/clipboard';
import { CopyEnvMenu } from '../ui/CopyEnvMenu';
import { OpStatus } from '../ui/OpStatus';
import { formatCountdown, urgencyOf } from '../../../common/time-format';
import { formatClock } from '../ui/time';
import { useOperation } from '../ui/use-operation';
import { useProfileLoad } from '../sources/use-profile-load';
import { RefreshBadge } from './RefreshBadge';
import { SlotSource } from './SlotSource';
import { slotUrl } from './slot-url';

interface Props {
  api: RoleTrayApi;
  state: AppState;
  slot: SlotView;
  now: number;
  accountName: string | undefined;
}

/** One loaded slot: who is in it, where clients read it, the countdown to expiry, and how to use, open or unload it. */
export function SlotCard({ api, state, slot, now, accountName }: Props) {
  const unload = useOperation();
  const consoleOp = useOperation();
  const copyUrl = useOperation();
  const mfa = useProfileLoad(api);
  const left = slot.expiresAt - now;
  const urgency = urgencyOf(left);
  const title = slot.name === '' ? 'Default slot' : `Slot ${slot.name}`;
  const startUrl = slot.roleKey && parseRoleKey(slot.roleKey)?.startUrl;
  const sso = state.sso.find((s) => s.startUrl === startUrl);
  const url = state.server.url && slotUrl(state.server.url, slot.name);
  return (
    <article className="card slot" aria-label={title}>
      <header className="slot-head">
        <div className="slot-title">
          <h2>{title}</h2>
          <RefreshBadge slot={slot} />
        </div>
        <span className={`countdown ${urgency}`} data-testid="countdown" title={`Expires ${formatClock(slot.expiresAt)}`}>
          <span className="visually-hidden">Time left: </span>
          {formatCountdown(left)}
          {urgency !== 'ok' && <span className="visually-hidden">{left <= 0 ? '' : urgency === 'soon' ? ' (under 15 minutes)' : ' (under 5 minutes)'}</span>}
        </span>
      </header>
      <dl className="facts">
        {slot.profileName !== slot.name && (
          <>
            <dt>Profile</dt>
            <dd className="mono break">{slot.profileName}</dd>
          </>
        )}
        <dt>Account</dt>
        <dd className="break">
          {accountName && <span>{accountName} </span>}
          <span className="mono">{slot.accountId}</span>
        </dd>
        <dt>Role</dt>
        <dd className="break">{slot.roleName}</dd>
        <SlotSource slot={slot} startUrl={startUrl} />
        {url && (
          <>
            <dt>URL</dt>
            <dd className="slot-url">
              <span className="mono break" data-testid="slot-url">
                {url}
              </span>
              <button type="button" className="btn small-btn" aria-label={`Copy the URL of ${slot.name === '' ? 'the default slot' : `slot ${slot.name}`}`} disabled={copyUrl.busy} onClick={() => void copyUrl.run(() => copyText(url), 'URL copied')}>
                Copy
              </button>
            </dd>
          </>
        )}
        <dt>Expires</dt>
        <dd>{formatClock(slot.expiresAt)}</dd>
        {slot.region && (
          <>
            <dt>Region</dt>
            <dd className="mono">{slot.region}</dd>
          </>
        )}
      </dl>
      {slot.name === '' && state.settings.switchWithinMinutes !== null && <p className="small muted">Running programs switch within {state.settings.switchWithinMinutes} min</p>}
      <OpStatus op={copyUrl} />
      {slot.refresh === 'needs-login' && sso && <SignInPanel api={api} sso={sso} compact />}
      <div className="slot-actions">
        {slot.refresh === 'needs-mfa' && (
          // Loading it again into the same slot asks for the code (the dialog), then refreshes it from its source.
          <button type="button" className="btn primary" disabled={mfa.op.busy} onClick={() => void mfa.load(slot.profileName, { slot: slot.name })}>
            Enter MFA code
          </button>
        )}
        <CopyEnvMenu api={api} slot={slot.name} label={title} />
        <button type="button" className="btn" disabled={consoleOp.busy || left <= MIN_SERVE_MS} onClick={() => void consoleOp.run(() => api.openConsole({ slot: slot.name }), 'Opened the AWS console in your browser')}>
          Open console
        </button>
        <button type="button" className="btn" disabled={unload.busy} onClick={() => void unload.run(() => api.unload(slot.name), `Unloaded ${title.toLowerCase()}`)}>
          Unload
        </button>
      </div>
      <OpStatus op={mfa.op} />
      <OpStatus op={unload} />
      <OpStatus op={consoleOp} />
    </article>
  );
}
