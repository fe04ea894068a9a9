import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppState, RoleTrayApi } from '../../../preload/api';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';
import { portProblem } from './port-field';

/**
 * Whether the credential server is serving, where and how, and its port. A failure to listen is
 * shown at the Port field, where it is fixed: a failed change there (the server keeps its old
 * port) until the field changes or a change succeeds; a server not listening at all until it
 * listens again (Retry, or another port).
 */
export function ServerStatus({ api, state }: { api: RoleTrayApi; state: AppState }) {
  const { server } = state;
  const current = String(server.port ?? state.settings.port);
  const [port, setPort] = useState(current);
  const [invalid, setInvalid] = useState<string>();
  const apply = useOperation();
  const portRef = useRef<HTMLInputElement>(null);
  // The server moved (here, or from the tray): the field follows it.
  useEffect(() => setPort(current), [current]);
  const retry = !server.listening && port.trim() === current;
  const fieldError = invalid ?? apply.error ?? (server.listening ? undefined : server.error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = portProblem(port);
    setInvalid(problem);
    if (problem) {
      apply.clear();
      portRef.current?.focus();
      return;
    }
    const wanted = Number(port.trim());
    const result = await apply.run(() => api.updateSettings({ port: wanted }), (s) => (retry ? `Serving again on port ${s.port}` : `Port set to ${s.port}`));
    if (!result.ok) portRef.current?.select();
  };
  const edit = (value: string) => {
    setPort(value);
    setInvalid(undefined);
    apply.clear();
  };

  return (
    <div className="card" aria-labelledby="server-status-title">
      <h2 id="server-status-title">Credential server</h2>
      <div className="row status-row" role="status" aria-live="polite" data-testid="server-status">
        <span className="status-where">
          <span className={`dot ${server.listening ? 'ok' : 'danger'}`} aria-hidden="true" />
          <strong>{server.listening ? 'Serving' : 'Not serving'}</strong>
          {server.url && (
            <span className="mono break" data-testid="server-url">
              {server.url}
            </span>
          )}
        </span>
        <span className={`badge ${server.https ? 'ok' : 'neutral'}`}>{server.https ? 'https' : 'http'}</span>
        <span className={`badge ${server.auth ? 'ok' : 'warn'}`}>{server.auth ? 'token required' : 'no token'}</span>
      </div>
      {server.addresses.length > 1 && <p className="small muted">Also listening on {server.addresses.slice(1).join(', ')}</p>}
      <form className="row" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="port">Port</label>
        <input
          ref={portRef}
          id="port"
          className="input narrow mono"
          inputMode="numeric"
          autoComplete="off"
          value={port}
          onChange={(e) => edit(e.target.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? 'port-error' : 'port-status'}
        />
        <button type="submit" className="btn" disabled={apply.busy || (!retry && port.trim() === current)}>
          {retry ? 'Retry' : 'Apply'}
        </button>
        <span className="small muted">{server.listening ? `Currently ${current}` : `Not listening on ${current}`}</span>
      </form>
      {fieldError ? (
        <p id="port-error" className="op-error" role="alert" data-testid="server-error">
          {fieldError}
        </p>
      ) : (
        <OpStatus op={apply} id="port-status" />
      )}
    </div>
  );
}
