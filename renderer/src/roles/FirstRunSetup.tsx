import { useState } from 'react';
import type { AppState, RoleTrayApi, SsoInstance } from '../../../preload/api';
import { SignInPanel } from '../server/SignInPanel';
import { SsoInstanceForm } from '../server/SsoInstanceForm';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';

/** The Roles screen on first run: the access portal's start URL and region, then the device sign-in, right here. */
export function FirstRunSetup({ api, state }: { api: RoleTrayApi; state: AppState }) {
  const start = useOperation();
  const [chosen, setChosen] = useState<string>();
  const sso = state.sso.find((s) => s.startUrl === chosen);

  const signIn = async (entry: SsoInstance) => {
    // A second try replaces the instance the first one saved (a mistyped URL), and keeps any other.
    const others = state.settings.ssoInstances.filter((i) => i.startUrl !== chosen && i.startUrl !== entry.startUrl);
    const saved = await start.run(() => api.updateSettings({ ssoInstances: [...others, entry] }));
    if (!saved.ok) return;
    setChosen(entry.startUrl);
    await start.run(() => api.signIn(entry));
  };

  return (
    <div className="card setup" aria-labelledby="setup-title">
      <h2 id="setup-title">Sign in to see your roles</h2>
      <p className="muted">
        RoleTray lists the roles your AWS access portal gives you. Its start URL and region are in the portal's invitation email, or in the IAM Identity Center console under Settings.
      </p>
      <SsoInstanceForm idPrefix="setup" submitLabel={start.busy ? 'Starting sign-in…' : 'Sign in'} busy={start.busy || Boolean(sso?.signIn)} onSubmit={(e) => void signIn(e)} autoFocus primary />
      <OpStatus op={start} />
      {sso?.error && (
        <p className="op-error" role="alert">
          {sso.error}
        </p>
      )}
      {sso?.signIn && <SignInPanel api={api} sso={sso} />}
    </div>
  );
}
