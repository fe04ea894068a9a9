import type { SlotView } from '../../../preload/api';

/** The default slot first, then the named slots alphabetically. */
export function slotOrder(slots: readonly SlotView[]): SlotView[] {
  return [...slots].sort((a, b) => (a.name === '' ? -1 : b.name === '' ? 1 : a.name.localeCompare(b.name)));
}
