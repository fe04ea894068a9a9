import type { SsoView } from '../../../preload/api';
import { fetchingRolesText } from '../../../common/catalogue-progress';
import { formatAge } from '../../../common/time-format';

/**
 * One instance's line by the Roles title: how old its list is ("List fetched 3 h ago"), how far a
 * fetch has got ("Fetching roles… 1,234 (120 of 2,000 accounts)"), or both while a refresh runs.
 * With several instances each line starts with its host.
 */
export function catalogueLine(s: Pick<SsoView, 'startUrl' | 'catalogFetchedAt' | 'catalogueProgress'>, now: number, several: boolean): string {
  const age = s.catalogFetchedAt ? `fetched ${formatAge(now - s.catalogFetchedAt)}` : s.catalogueProgress ? undefined : 'not fetched yet';
  const parts = [age && `${several ? '' : 'List '}${age}`, s.catalogueProgress && fetchingRolesText(s.catalogueProgress)].filter(Boolean);
  return `${several ? `${new URL(s.startUrl).host}: ` : ''}${parts.join(' · ')}`;
}
