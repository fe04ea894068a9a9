import type { AppState, RoleTrayApi } from '../../../preload/api';
import { ChainItem } from './ChainItem';
import { pinnedProfiles } from './use-profile-pin';

/** The chained profiles: RoleTray's own (removable), then those of ~/.aws/config (read-only: edit them there). */
export function ChainsCard({ api, state }: { api: RoleTrayApi; state: AppState }) {
  const own = state.chains.filter((c) => c.origin === 'roletray');
  const fromConfig = state.chains.filter((c) => c.origin === 'aws-config');
  const pinned = pinnedProfiles(state);
  return (
    <div className="card" aria-labelledby="chains-title">
      <h2 id="chains-title">Chained roles</h2>
      {own.length === 0 && <p className="muted">None saved yet. On the Roles screen, pick a role and choose “Assume a role from this one…”.</p>}
      <ul className="source-list" aria-label="RoleTray's chains">
        {own.map((c) => (
          <li className="source-item" key={c.profileName}>
            <ChainItem api={api} chain={c} pinned={pinned.has(c.profileName)} />
          </li>
        ))}
      </ul>
      {fromConfig.length > 0 && (
        <>
          <h3 className="form-title">From ~/.aws/config</h3>
          <p className="small muted">Profiles with role_arn and source_profile. RoleTray reads them and keeps their names; change them in the file.</p>
          <ul className="source-list" aria-label="Chains from ~/.aws/config">
            {fromConfig.map((c) => (
              <li className="source-item" key={c.profileName}>
                <ChainItem api={api} chain={c} pinned={pinned.has(c.profileName)} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
