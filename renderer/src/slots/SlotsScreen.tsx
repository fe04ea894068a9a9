import type { AppState, RoleTrayApi } from '../../../preload/api';
import type { ScreenId } from '../screen-id';
import { OpStatus } from '../ui/OpStatus';
import { useNow } from '../ui/use-now';
import { useOperation } from '../ui/use-operation';
import { SlotCard } from './SlotCard';
import { slotOrder } from './slot-order';

export function SlotsScreen({ api, state, goTo }: { api: RoleTrayApi; state: AppState; goTo: (s: ScreenId) => void }) {
  const now = useNow();
  const unloadAll = useOperation();
  const slots = slotOrder(state.slots);
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
