import { useState, type FormEvent } from 'react';
import type { AppState, RoleTrayApi } from '../../../preload/api';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';
import { ContainersPanel } from './ContainersPanel';
import { EnvLinesPanel } from './EnvLinesPanel';
import { SignInPanel } from './SignInPanel';

export function ServerScreen({ api, state }: { api: RoleTrayApi; state: AppState }) {
  return (
    <section className="screen" aria-labelledby="server-title">
      <header className="screen-head">
        <h1 id="server-title">Server &amp; sign-in</h1>
      </header>
      <ServerStatus api={api} state={state} />
      <div className="card">
        <h2>Point clients at the default slot</h2>
        <p className="small muted">Paste these into a shell; the AWS CLI and every AWS SDK started from it use RoleTray.</p>
        <EnvLinesPanel api={api} state={state} />
      </div>
      <ContainersPanel api={api} state={state} />
      <SsoInstances api={api} state={state} />
    </section>
  );
}

function ServerStatus({ api, state }: { api: RoleTrayApi; state: AppState }) {
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

function SsoInstances({ api, state }: { api: RoleTrayApi; state: AppState }) {
  const [startUrl, setStartUrl] = useState('');
  const [region, setRegion] = useState('us-east-1');
  const add = useOperation();
  const instances = state.settings.ssoInstances;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const entry = { startUrl: startUrl.trim(), region: region.trim() };
    const saved = await add.run(() => api.updateSettings({ ssoInstances: [...instances, entry] }), `Added ${entry.startUrl}`);
    if (saved.ok) setStartUrl('');
  };
  return (
    <div className="card">
      <h2>IAM Identity Center</h2>
      {state.sso.length === 0 && <p className="muted">Add your AWS access portal (start URL) to sign in and list your roles.</p>}
      <ul className="sso-list">
        {state.sso.map((sso) => (
          <li key={sso.startUrl} className="sso-item">
            <SsoItem api={api} state={state} startUrl={sso.startUrl} />
          </li>
        ))}
      </ul>
      <form className="add-sso" onSubmit={(e) => void submit(e)} aria-label="Add an IAM Identity Center instance">
        <div className="field grow">
          <label htmlFor="sso-start-url">Start URL</label>
          <input id="sso-start-url" className="input" type="url" required placeholder="https://d-1234567890.awsapps.com/start" value={startUrl} onChange={(e) => setStartUrl(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="sso-region">Region</label>
          <input id="sso-region" className="input narrow mono" required value={region} onChange={(e) => setRegion(e.target.value)} />
        </div>
        <button type="submit" className="btn" disabled={add.busy}>
          Add
        </button>
      </form>
      <OpStatus op={add} />
    </div>
  );
}

function SsoItem({ api, state, startUrl }: { api: RoleTrayApi; state: AppState; startUrl: string }) {
  const remove = useOperation();
  const sso = state.sso.find((s) => s.startUrl === startUrl)!;
  const instances = state.settings.ssoInstances;
  return (
    <>
      <div className="row">
        <span className="mono break">{sso.startUrl}</span>
        <span className="badge neutral">{sso.region}</span>
        <span className="small muted">{sso.roleCount.toLocaleString()} roles</span>
        <span className="grow" />
        <button
          type="button"
          className="btn ghost"
          disabled={remove.busy}
          aria-label={`Remove ${sso.startUrl}`}
          onClick={() => void remove.run(() => api.updateSettings({ ssoInstances: instances.filter((i) => i.startUrl !== startUrl) }))}
        >
          Remove
        </button>
      </div>
      <OpStatus op={remove} />
      <SignInPanel api={api} sso={sso} />
    </>
  );
}
