import type { AppState, RoleTrayApi, SlotView } from '../../../preload/api';
import type { ScreenId } from '../screen-id';
import { SignInPanel } from '../server/SignInPanel';
import { CopyEnvMenu } from '../ui/CopyEnvMenu';
import { OpStatus } from '../ui/OpStatus';
import { formatClock, formatRemaining, urgencyOf } from '../ui/time';
import { useNow } from '../ui/use-now';
import { useOperation } from '../ui/use-operation';

export function SlotsScreen({ api, state, goTo }: { api: RoleTrayApi; state: AppState; goTo: (s: ScreenId) => void }) {
  const now = useNow();
  const unloadAll = useOperation();
  const slots = [...state.slots].sort((a, b) => (a.name === '' ? -1 : b.name === '' ? 1 : a.name.localeCompare(b.name)));
  const hasDefault = slots.some((s) => s.name === '');
  return (
    <section className="screen" aria-labelledby="slots-title">
      <header className="screen-head">
        <h1 id="slots-title">Slots</h1>
        <span className="small muted grow">
          {slots.length === 0 ? 'Nothing loaded' : `${slots.length} loaded`} · served at <span className="mono">{state.server.url ?? '—'}</span>
        </span>
        <button type="button" className="btn danger" disabled={slots.length === 0 || unloadAll.busy} onClick={() => void unloadAll.run(() => api.unloadAll(), 'Unloaded every slot')}>
          Unload all
        </button>
      </header>
      <OpStatus op={unloadAll} />
      {!hasDefault && (
        <div className="card empty-slot">
          <h2>Default slot</h2>
          <p className="muted">Empty: clients pointed at the default slot get 404. Pick a role and press Enter to load it here.</p>
          <button type="button" className="btn primary" onClick={() => goTo('roles')}>
            Pick a role
          </button>
        </div>
      )}
      <ul className="slot-list" aria-label="Loaded slots">
        {slots.map((slot) => (
          <li key={slot.name}>
            <SlotCard api={api} state={state} slot={slot} now={now} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function SlotCard({ api, state, slot, now }: { api: RoleTrayApi; state: AppState; slot: SlotView; now: number }) {
  const unload = useOperation();
  const consoleOp = useOperation();
  const left = slot.expiresAt - now;
  const urgency = urgencyOf(left);
  const title = slot.name === '' ? 'Default slot' : `Slot ${slot.name}`;
  const startUrl = slot.roleKey?.split('|')[0];
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
          {formatRemaining(left)}
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
        <button type="button" className="btn" disabled={consoleOp.busy || left <= 60_000} onClick={() => void consoleOp.run(() => api.openConsole({ slot: slot.name }), 'Opened the AWS console in your browser')}>
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

function RefreshBadge({ slot }: { slot: SlotView }) {
  if (slot.source === 'pushed') return <span className="badge neutral">served until it expires</span>;
  if (slot.refresh === 'retrying') return <span className="badge warn">refresh failed, retrying</span>;
  if (slot.refresh === 'needs-login') return <span className="badge danger">sign-in needed to refresh</span>;
  return <span className="badge ok">auto-refresh</span>;
}
