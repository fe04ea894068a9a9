import type { AppState, RoleTrayApi, Theme } from '../../../preload/api';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';

/** Notifications, start at login and the theme: each switch saves at once. */
export function GeneralSettings({ api, state }: { api: RoleTrayApi; state: AppState }) {
  const { settings } = state;
  const notifications = useOperation();
  const login = useOperation();
  const theme = useOperation();
  return (
    <div className="card" aria-labelledby="general-title">
      <h2 id="general-title">General</h2>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={settings.notifications}
          disabled={notifications.busy}
          onChange={(e) => void notifications.run(() => api.updateSettings({ notifications: e.target.checked }))}
        />
        <span>Notifications (expiring credentials, sign-in needed)</span>
      </label>
      <OpStatus op={notifications} />
      <label className="switch">
        <input type="checkbox" role="switch" checked={settings.startAtLogin} disabled={login.busy} onChange={(e) => void login.run(() => api.updateSettings({ startAtLogin: e.target.checked }))} />
        <span>Start RoleTray at login</span>
      </label>
      <OpStatus op={login} />
      <div className="row">
        <label htmlFor="theme">Theme</label>
        <select id="theme" className="input narrow" value={settings.theme} disabled={theme.busy} onChange={(e) => void theme.run(() => api.updateSettings({ theme: e.target.value as Theme }))}>
          <option value="system">Same as the system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </div>
      <OpStatus op={theme} />
    </div>
  );
}
