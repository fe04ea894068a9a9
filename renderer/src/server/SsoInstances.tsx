import { useState } from 'react';
import type { AppState, RoleTrayApi, SsoInstance } from '../../../preload/api';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';
import { SsoInstanceForm } from './SsoInstanceForm';
import { SsoItem } from './SsoItem';

/** The IAM Identity Center instances (access portals) RoleTray signs in to, and adding one. */
export function SsoInstances({ api, state }: { api: RoleTrayApi; state: AppState }) {
  const add = useOperation();
  // A new key empties the form once an instance is added.
  const [formKey, setFormKey] = useState(0);
  const instances = state.settings.ssoInstances;
  const submit = async (entry: SsoInstance) => {
    const saved = await add.run(() => api.updateSettings({ ssoInstances: [...instances, entry] }), `Added ${entry.startUrl}`);
    if (saved.ok) setFormKey((k) => k + 1);
  };
  return (
    <div className="card" aria-labelledby="sso-title">
      <h2 id="sso-title">IAM Identity Center</h2>
      {state.sso.length === 0 && <p className="muted">Add your AWS access portal (start URL) to sign in and list your roles.</p>}
      <ul className="sso-list">
        {state.sso.map((sso) => (
          <li key={sso.startUrl} className="sso-item">
            <SsoItem api={api} state={state} startUrl={sso.startUrl} />
          </li>
        ))}
      </ul>
      <h3 className="form-title">{state.sso.length === 0 ? 'Add an instance' : 'Add another instance'}</h3>
      <SsoInstanceForm key={formKey} idPrefix="sso" submitLabel="Add" busy={add.busy} onSubmit={(e) => void submit(e)} primary={state.sso.length === 0} />
      <OpStatus op={add} />
    </div>
  );
}
