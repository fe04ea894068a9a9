import type { AppState } from '../../../preload/api';

/** The catalogue changes when a sign-in, a refresh or the profile-name format changes it; the role list is fetched again only then. */
export function catalogueSignature(state: AppState): string {
  return [state.settings.profileNameFormat, ...state.sso.map((s) => `${s.startUrl}|${s.signedIn}|${s.catalogFetchedAt ?? ''}|${s.roleCount}`)].join('\n');
}
