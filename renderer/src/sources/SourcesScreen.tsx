import type { AppState, RoleTrayApi } from '../../../preload/api';
import { ChainsCard } from './ChainsCard';
import { IamUsersCard } from './IamUsersCard';

/** Credentials from beyond IAM Identity Center's own roles: roles chained through STS, and IAM users. */
export function SourcesScreen({ api, state }: { api: RoleTrayApi; state: AppState }) {
  return (
    <section className="screen" aria-labelledby="sources-title">
      <header className="screen-head">
        <h1 id="sources-title">Chains &amp; IAM users</h1>
      </header>
      <ChainsCard api={api} state={state} />
      <IamUsersCard api={api} state={state} />
    </section>
  );
}
