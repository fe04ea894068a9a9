import type { AppState, RoleTrayApi } from '../../../preload/api';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';

const CHOICES = [1, 2, 5, 10, 15, 30, 60];

/** "Programs follow a role switch within N minutes": how near an Expiration reads of the default slot carry. */
export function SwitchFollowSetting({ api, state }: { api: RoleTrayApi; state: AppState }) {
  const minutes = state.settings.switchWithinMinutes;
  const op = useOperation();
  const choose = (value: string) => {
    const next = value === 'off' ? null : Number(value);
    void op.run(() => api.updateSettings({ switchWithinMinutes: next }), next === null ? 'Programs keep a role until its credentials expire' : `Running programs switch within ${next} min`);
  };
  return (
    <div className="card" aria-labelledby="switch-title">
      <h2 id="switch-title">Role switches</h2>
      <div className="row">
        <label htmlFor="switch-within">Programs that are running follow a switch of the default slot within</label>
        <select id="switch-within" className="input narrow" value={minutes === null ? 'off' : String(minutes)} disabled={op.busy} onChange={(e) => choose(e.target.value)}>
          {CHOICES.map((n) => (
            <option key={n} value={String(n)}>
              {n} min
            </option>
          ))}
          <option value="off">Off: when credentials expire</option>
        </select>
      </div>
      <p className="small muted">
        The default slot (and a slot whose role you switch) is served with an expiry at most 15 + N minutes ahead, so the AWS CLI and boto3 ask again within N minutes and
        the JS and Go SDKs within N + 10; no SDK is ever made to refresh in a hurry. Off: programs keep a role until 15 minutes before its credentials expire.
      </p>
      <OpStatus op={op} />
    </div>
  );
}
