import type { AppState, RoleTrayApi } from '../../../preload/api';
import { TlsPanel } from './TlsPanel';
import { TokenPanel } from './TokenPanel';

export function SecurityScreen({ api, state }: { api: RoleTrayApi; state: AppState }) {
  return (
    <section className="screen" aria-labelledby="security-title">
      <header className="screen-head">
        <h1 id="security-title">Security</h1>
      </header>
      {!state.secretsAvailable && (
        <p className="notice warning" role="alert">
          This system offers no encryption for stored secrets, so RoleTray keeps tokens, keys and credentials only until it quits.
        </p>
      )}
      <TokenPanel api={api} state={state} />
      <TlsPanel api={api} state={state} />
    </section>
  );
}
