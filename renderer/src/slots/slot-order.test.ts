import { describe, expect, it } from 'vitest';
import type { SlotView } from '../../../preload/api';
import { slotOrder } from './slot-order';

const slot = (name: string): SlotView => ({ name, profileName: name || '111111111111:Admin', accountId: '111111111111', roleName: 'Admin', expiresAt: 0, source: 'pushed', refresh: 'ok' });

describe('slotOrder', () => {
  it('shows the default slot first, then the named slots alphabetically', () => {
    expect(slotOrder([slot('prod'), slot('ci'), slot(''), slot('dev')]).map((s) => s.name)).toEqual(['', 'ci', 'dev', 'prod']);
  });
});
