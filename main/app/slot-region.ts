import { regionFor } from '../../common/region-choice';
import type { Slot } from '../credentials/slots';
import type { Settings } from '../settings/schema';
import type { Catalogue } from '../sso/catalogue-fetch';

/**
 * The default region of a loaded slot: its own, its account's, or its instance's. A pushed slot
 * has no instance of its own; the instance whose role list has its account stands in.
 */
export function slotRegion(slot: Slot, settings: Readonly<Settings>, catalogues: ReadonlyMap<string, Catalogue>): string | undefined {
  const accountId = slot.credentials.accountId;
  const startUrl = slot.role?.startUrl ?? [...catalogues].find(([, c]) => c.roles.some((r) => r.accountId === accountId))?.[0];
  return regionFor(settings.regions, { slot: slot.name, accountId, ...(startUrl ? { startUrl } : {}) });
}
