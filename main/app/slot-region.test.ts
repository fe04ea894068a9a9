import { describe, expect, it } from 'vitest';
import { makeCreds } from '../../test-support/credentials';
import { SlotStore } from '../credentials/slots';
import { defaultSettings } from '../settings/schema';
import type { Catalogue } from '../sso/catalogue-fetch';
import { slotRegion } from './slot-region';

const START = 'https://my-org.awsapps.com/start';
const catalogue: Catalogue = { startUrl: START, region: 'us-east-1', fetchedAt: 0, roles: [{ accountId: '111111111111', accountName: 'prod', roleName: 'Admin' }] };

function slot(name: string, accountId: string, fromSso: boolean) {
  const store = new SlotStore();
  return store.load(name, {
    profileName: name || 'default',
    credentials: { ...makeCreds(), accountId },
    ...(fromSso ? { source: 'sso' as const, role: { startUrl: START, region: 'us-east-1', accountId, roleName: 'Admin' } } : {}),
  });
}

describe('slotRegion', () => {
  const settings = { ...defaultSettings(), regions: { instances: { [START]: 'eu-west-1' }, accounts: { '222222222222': 'us-west-2' }, slots: { prod: 'ap-south-1' } } };

  it('follows the slot, then the account, then the instance it was loaded from', () => {
    expect(slotRegion(slot('prod', '111111111111', true), settings, new Map())).toBe('ap-south-1');
    expect(slotRegion(slot('', '222222222222', true), settings, new Map())).toBe('us-west-2');
    expect(slotRegion(slot('', '333333333333', true), settings, new Map())).toBe('eu-west-1');
  });

  it('gives a pushed slot the instance whose role list has its account, and nothing when none has', () => {
    expect(slotRegion(slot('', '111111111111', false), settings, new Map([[START, catalogue]]))).toBe('eu-west-1');
    expect(slotRegion(slot('', '333333333333', false), settings, new Map([[START, catalogue]]))).toBeUndefined();
  });
});
