import type { AppState, RoleTrayApi } from '../../../preload/api';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';
import { SignInPanel } from './SignInPanel';

/** One instance: its start URL, region and role count, removing it, and its sign-in. */
export function SsoItem({ api, state, startUrl }: { api: RoleTrayApi; state: AppState; startUrl: string }) {
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
