import type { RoleTrayApi, SsoView } from '../../../preload/api';
import type { EmptyList } from './picker';
import { SignInNow } from './SignInNow';

interface Props {
  why: EmptyList;
  query: string;
  api: RoleTrayApi;
  signedOut: readonly SsoView[];
}

/** Over an empty list: why it is empty, and the way out (sign in here, refresh, another query). */
export function EmptyRoleList({ why, query, api, signedOut }: Props) {
  return (
    <div className="empty">
      {why === 'loading' && <p role="status">Loading roles…</p>}
      {why === 'signed-out' && (
        <>
          <h2>Sign in to see your roles</h2>
          <p>RoleTray lists the roles IAM Identity Center gives you once you sign in.</p>
          <SignInNow api={api} instances={signedOut} />
        </>
      )}
      {why === 'no-roles' && <p>No roles in the catalogue yet. Refresh it to fetch them.</p>}
      {why === 'no-match' && (
        <p role="status">
          No role matches “{query.trim()}”. Every word must appear in the account id, account name, role name or profile name.
        </p>
      )}
    </div>
  );
}
