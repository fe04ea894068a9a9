import type { RoleTrayApi, SsoView } from '../../../preload/api';
import { formatAge } from '../../../common/time-format';
import { useNow } from '../ui/use-now';
import { SignInNow } from './SignInNow';

/** Over roles kept from an earlier sign-in: they are a cached list, and loading one needs a sign-in first. */
export function SignedOutBanner({ api, signedOut }: { api: RoleTrayApi; signedOut: readonly SsoView[] }) {
  const now = useNow(30_000);
  const fetched = signedOut.map((s) => s.catalogFetchedAt).filter((t) => t !== undefined);
  const oldest = fetched.length ? Math.min(...fetched) : undefined;
  return (
    <div className="banner warning" role="region" aria-label="Signed out">
      <p className="banner-text">
        <strong>Signed out.</strong> These roles are the list kept from your last sign-in{oldest !== undefined ? ` (fetched ${formatAge(now - oldest)})` : ''}; sign in to load one.
      </p>
      <SignInNow api={api} instances={signedOut} />
    </div>
  );
}
