import type { ScreenId } from '../screen-id';
import type { EmptyList } from './picker';

/** Over an empty list: why it is empty, and the way out (sign in, refresh, another query). */
export function EmptyRoleList({ why, query, signingIn, goTo }: { why: EmptyList; query: string; signingIn: boolean; goTo: (s: ScreenId) => void }) {
  return (
    <div className="empty">
      {why === 'loading' && <p role="status">Loading roles…</p>}
      {why === 'signed-out' && (
        <>
          <h2>Sign in to see your roles</h2>
          <p>RoleTray lists the roles IAM Identity Center gives you once you sign in.</p>
          <button type="button" className="btn primary" onClick={() => goTo('server')}>
            {signingIn ? 'Continue sign-in' : 'Go to sign-in'}
          </button>
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
