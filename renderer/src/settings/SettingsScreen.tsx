import type { AppState, RoleTrayApi } from '../../../preload/api';
import { GeneralSettings } from './GeneralSettings';
import { ProfileFormat } from './ProfileFormat';
import { RegionsPanel } from './RegionsPanel';
import { SwitchFollowSetting } from './SwitchFollowSetting';

export function SettingsScreen({ api, state }: { api: RoleTrayApi; state: AppState }) {
  return (
    <section className="screen" aria-labelledby="settings-title">
      <header className="screen-head">
        <h1 id="settings-title">Settings</h1>
      </header>
      <ProfileFormat api={api} state={state} />
      <SwitchFollowSetting api={api} state={state} />
      <RegionsPanel api={api} state={state} />
      <GeneralSettings api={api} state={state} />
    </section>
  );
}
