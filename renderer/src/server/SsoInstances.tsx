import { useState, type FormEvent } from 'react';
import type { AppState, RoleTrayApi } from '../../../preload/api';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';
import { SsoItem } from './SsoItem';

/** The IAM Identity Center instances (access portals) RoleTray signs in to, and adding one. */
export function SsoInstances({ api, state }: { api: RoleTrayApi; state: AppState }) {
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
