import type { RoleTrayApi, SsoView } from '../../../preload/api';
import { SignInPanel } from '../server/SignInPanel';

/** A Sign in for each instance given, named by its host when there are several, with its device code once started. */
export function SignInNow({ api, instances }: { api: RoleTrayApi; instances: readonly SsoView[] }) {
  return (
    <div className="sign-in-now">
      {instances.map((sso) => (
        <div key={sso.startUrl} className="sign-in-now-item">
          {instances.length > 1 && <span className="mono small">{new URL(sso.startUrl).host}</span>}
          <SignInPanel api={api} sso={sso} compact />
        </div>
      ))}
    </div>
  );
}
