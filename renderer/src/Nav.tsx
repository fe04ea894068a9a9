import type { AppState } from '../../preload/api';
import type { ScreenId } from './screen-id';
import { SCREENS } from './screens';

/** The sections, with what needs a look (loaded slots, a server problem), and where the server answers. */
export function Nav({ state, screen, goTo }: { state: AppState; screen: ScreenId; goTo: (screen: ScreenId) => void }) {
  // Red only while nothing serves: a failed change leaves the old port serving, and says so at the Port field.
  const serverProblem = !state.server.listening;
  return (
    <nav className="nav" aria-label="Sections">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        RoleTray
      </div>
      <ul>
        {SCREENS.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              className="nav-item"
              aria-current={screen === s.id ? 'page' : undefined}
              aria-keyshortcuts={`Alt+${i + 1}`}
              onClick={() => goTo(s.id)}
            >
              <span>{s.label}</span>
              {s.id === 'slots' && state.slots.length > 0 && (
                <span className="nav-count" aria-label={`${state.slots.length} loaded`}>
                  {state.slots.length}
                </span>
              )}
              {s.id === 'server' && serverProblem && (
                <span className="nav-dot danger" aria-label="needs attention" />
              )}
            </button>
          </li>
        ))}
      </ul>
      <div className="nav-foot">
        <span className="foot-server">
          <span className={`dot ${state.server.listening ? 'ok' : 'danger'}`} aria-hidden="true" />
          <span className="mono foot-url" data-testid="nav-server-url">
            {state.server.url && state.server.listening ? <UrlWrappingAfterScheme url={state.server.url} /> : 'not serving'}
          </span>
        </span>
        <span className="small muted">v{state.version}</span>
      </div>
    </nav>
  );
}

/** The URL as one piece, or two when the sidebar is narrow: the scheme, then the address and port. */
function UrlWrappingAfterScheme({ url }: { url: string }) {
  const at = url.indexOf('://') + 3;
  return (
    <>
      {url.slice(0, at)}
      <wbr />
      {url.slice(at)}
    </>
  );
}
