import type { AppState, RoleTrayApi } from '../../../preload/api';
import { GeneralSettings } from './GeneralSettings';
import { ProfileFormat } from './ProfileFormat';

export function SettingsScreen({ api, state }: { api: RoleTrayApi; state: AppState }) {
  return (
    <section className="screen" aria-labelledby="settings-title">
      <header className="screen-head">
        <h1 id="settings-title">Settings</h1>
      </header>
      <ProfileFormat api={api} state={state} />
      <GeneralSettings api={api} state={state} />
    </section>
  );
}
