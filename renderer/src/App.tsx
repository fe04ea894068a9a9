import { useEffect, useState } from 'react';
import type { AppState, RoleTrayApi } from '../../preload/api';
import { useAppState } from './app-state';
import { Notices } from './notices/Notices';
import { RolesScreen } from './roles/RolesScreen';
import { SecurityScreen } from './security/SecurityScreen';
import { ServerScreen } from './server/ServerScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { SlotsScreen } from './slots/SlotsScreen';

export type ScreenId = 'roles' | 'slots' | 'security' | 'server' | 'settings';

const SCREENS: { id: ScreenId; label: string }[] = [
  { id: 'roles', label: 'Roles' },
  { id: 'slots', label: 'Slots' },
  { id: 'security', label: 'Security' },
  { id: 'server', label: 'Server & sign-in' },
  { id: 'settings', label: 'Settings' },
];

export function App({ api }: { api: RoleTrayApi | undefined }) {
  if (!api) {
    return (
      <main className="standalone">
        <h1>RoleTray</h1>
        <p>This window talks to RoleTray through its preload, which is not here. Open it from the RoleTray tray icon, or open the address the dev bridge printed (it ends in <code>#bridge=…</code>).</p>
      </main>
    );
  }
  return <Connected api={api} />;
}

function Connected({ api }: { api: RoleTrayApi }) {
  const { state, error } = useAppState(api);
  const [screen, setScreen] = useState<ScreenId>('roles');
  useTheme(state);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const n = Number(e.key);
      const target = SCREENS[n - 1];
      if (target) {
        e.preventDefault();
        setScreen(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!state) {
    return (
      <main className="standalone" aria-busy={!error}>
        <h1>RoleTray</h1>
        {error ? (
          <p className="op-error" role="alert">
            Could not read RoleTray's state: {error}
          </p>
        ) : (
          <p role="status">Connecting…</p>
        )}
      </main>
    );
  }

  const serverProblem = !state.server.listening || Boolean(state.server.error);
  return (
    <div className="app">
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
                onClick={() => setScreen(s.id)}
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
          <span className={`dot ${state.server.listening ? 'ok' : 'danger'}`} aria-hidden="true" />
          <span className="mono foot-url">{state.server.listening ? state.server.url : 'not serving'}</span>
          <span className="small muted">v{state.version}</span>
        </div>
      </nav>
      <main className="content">
        <Notices api={api} notices={state.notices} />
        {screen === 'roles' && <RolesScreen api={api} state={state} goTo={setScreen} />}
        {screen === 'slots' && <SlotsScreen api={api} state={state} goTo={setScreen} />}
        {screen === 'security' && <SecurityScreen api={api} state={state} />}
        {screen === 'server' && <ServerScreen api={api} state={state} />}
        {screen === 'settings' && <SettingsScreen api={api} state={state} />}
      </main>
    </div>
  );
}

function useTheme(state: AppState | undefined): void {
  const theme = state?.settings.theme ?? 'system';
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
