import { useState, type FormEvent } from 'react';
import type { AppState, RoleTrayApi } from '../../../preload/api';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';

/** Whether the credential server is serving, where and how, and its port. */
export function ServerStatus({ api, state }: { api: RoleTrayApi; state: AppState }) {
  const { server } = state;
  const current = String(server.port ?? state.settings.port);
  const [port, setPort] = useState(current);
  const apply = useOperation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(port);
    void apply.run(() => api.updateSettings({ port: n }), (s) => `Port set to ${s.port}`);
  };
  return (
    <div className="card" aria-labelledby="server-status-title">
      <h2 id="server-status-title">Credential server</h2>
      <div className="row status-row" role="status" aria-live="polite" data-testid="server-status">
        <span className={`dot ${!server.listening ? 'danger' : server.error ? 'warn' : 'ok'}`} aria-hidden="true" />
        <strong>{!server.listening ? 'Not serving' : server.error ? 'Serving, but the last change failed' : 'Serving'}</strong>
        {server.url && <span className="mono" data-testid="server-url">{server.url}</span>}
        <span className={`badge ${server.https ? 'ok' : 'neutral'}`}>{server.https ? 'https' : 'http'}</span>
        <span className={`badge ${server.auth ? 'ok' : 'warn'}`}>{server.auth ? 'token required' : 'no token'}</span>
      </div>
      {server.error && server.error !== apply.error && (
        <p className="op-error" role="alert" data-testid="server-error">
          {server.error}
        </p>
      )}
      {server.addresses.length > 1 && <p className="small muted">Also listening on {server.addresses.slice(1).join(', ')}</p>}
      <form className="row" onSubmit={submit}>
        <label htmlFor="port">Port</label>
        <input id="port" className="input narrow mono" inputMode="numeric" pattern="[0-9]*" value={port} onChange={(e) => setPort(e.target.value)} aria-describedby="port-status" />
        <button type="submit" className="btn" disabled={apply.busy || port === current}>
          Apply
        </button>
        <span className="small muted">Currently {server.port ?? state.settings.port}</span>
      </form>
      <OpStatus op={apply} id="port-status" />
    </div>
  );
}
