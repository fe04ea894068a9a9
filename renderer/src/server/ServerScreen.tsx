import type { AppState, RoleTrayApi } from '../../../preload/api';
import { AwsProfilesPanel } from './AwsProfilesPanel';
import { ContainersPanel } from './ContainersPanel';
import { DoctorPanel } from './DoctorPanel';
import { EnvLinesPanel } from './EnvLinesPanel';
import { ServerStatus } from './ServerStatus';
import { SsoInstances } from './SsoInstances';

export function ServerScreen({ api, state }: { api: RoleTrayApi; state: AppState }) {
  return (
    <section className="screen" aria-labelledby="server-title">
      <header className="screen-head">
        <h1 id="server-title">Server &amp; sign-in</h1>
      </header>
      <SsoInstances api={api} state={state} />
      <ServerStatus api={api} state={state} />
      <div className="card">
        <h2>Point clients at the default slot</h2>
        <p className="small muted">Paste these into a shell; the AWS CLI and every AWS SDK started from it use RoleTray.</p>
        <EnvLinesPanel api={api} state={state} />
      </div>
      <ContainersPanel api={api} state={state} />
      <AwsProfilesPanel api={api} />
      <DoctorPanel api={api} />
    </section>
  );
}
