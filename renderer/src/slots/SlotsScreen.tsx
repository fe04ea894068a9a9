import { useMemo } from 'react';
import type { AppState, RoleTrayApi } from '../../../preload/api';
import { useRoles } from '../roles/use-roles';
import type { ScreenId } from '../screen-id';
import { OpStatus } from '../ui/OpStatus';
import { useNow } from '../ui/use-now';
import { useOperation } from '../ui/use-operation';
import { accountNames } from './account-names';
import { SlotCard } from './SlotCard';
import { UnloadAll } from './UnloadAll';
import { slotOrder } from './slot-order';

export function SlotsScreen({ api, state, goTo }: { api: RoleTrayApi; state: AppState; goTo: (s: ScreenId) => void }) {
  const now = useNow();
  const unloadAll = useOperation();
  const { roles } = useRoles(api, state);
  const names = useMemo(() => accountNames(roles, state.recents, state.pinned), [roles, state.recents, state.pinned]);
  const slots = slotOrder(state.slots);
  const hasDefault = slots.some((s) => s.name === '');
  return (
    <section className="screen" aria-labelledby="slots-title">
      <header className="screen-head">
        <h1 id="slots-title">Slots</h1>
        <span className="small muted grow">
          {slots.length === 0 ? 'Nothing loaded' : `${slots.length} loaded`} · served at <span className="mono">{state.server.url ?? '—'}</span>
        </span>
        <UnloadAll count={slots.length} op={unloadAll} onConfirm={() => void unloadAll.run(() => api.unloadAll(), 'Unloaded every slot')} />
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
            <SlotCard api={api} state={state} slot={slot} now={now} accountName={names.get(slot.accountId)} />
          </li>
        ))}
      </ul>
    </section>
  );
}
