import type { AppState, RoleTrayApi } from '../../../preload/api';
import { useNow } from '../ui/use-now';
import { IamUserForm } from './IamUserForm';
import { IamUserItem } from './IamUserItem';
import { pinnedProfiles } from './use-profile-pin';

/** The IAM users whose long-term keys RoleTray keeps, served only as temporary credentials, and adding one. */
export function IamUsersCard({ api, state }: { api: RoleTrayApi; state: AppState }) {
  const now = useNow(30_000);
  const pinned = pinnedProfiles(state);
  return (
    <div className="card" aria-labelledby="iam-title">
      <h2 id="iam-title">IAM users</h2>
      <p className="small muted">RoleTray serves an IAM user only as temporary credentials (sts:GetSessionToken, with its MFA device when it has one), or as the source of a chain.</p>
      <ul className="source-list" aria-label="IAM users">
        {state.iamUsers.map((u) => (
          <li className="source-item" key={u.name}>
            <IamUserItem api={api} user={u} now={now} pinned={pinned.has(u.name)} />
          </li>
        ))}
      </ul>
      <h3 className="form-title">{state.iamUsers.length === 0 ? 'Add an IAM user' : 'Add another IAM user'}</h3>
      <IamUserForm api={api} state={state} />
    </div>
  );
}
