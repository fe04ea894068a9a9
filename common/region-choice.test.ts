import { describe, expect, it } from 'vitest';
import { noRegionDefaults, regionDefaultsProblem, regionFor, withRegion } from './region-choice';

const START = 'https://my-org.awsapps.com/start';

describe('regionFor', () => {
  const defaults = {
    instances: { [START]: 'eu-west-1' },
    accounts: { '012345678901': 'us-east-2' },
    slots: { '': 'ap-south-1', prod: 'eu-central-1' },
  };

  it('takes the slot\'s region first, then the account\'s, then the instance\'s', () => {
    expect(regionFor(defaults, { slot: 'prod', accountId: '012345678901', startUrl: START })).toBe('eu-central-1');
    expect(regionFor(defaults, { slot: 'dev', accountId: '012345678901', startUrl: START })).toBe('us-east-2');
    expect(regionFor(defaults, { slot: 'dev', accountId: '111111111111', startUrl: START })).toBe('eu-west-1');
    expect(regionFor(defaults, { slot: '', accountId: '111111111111' })).toBe('ap-south-1');
    expect(regionFor(defaults, { slot: 'dev', accountId: '111111111111' })).toBeUndefined();
  });

  it('finds nothing for names that exist on every object ("constructor", "__proto__")', () => {
    expect(regionFor(noRegionDefaults(), { slot: 'constructor', accountId: '__proto__', startUrl: 'toString' })).toBeUndefined();
  });
});

describe('withRegion', () => {
  it('sets and removes a region without touching the others, nor the original', () => {
    const start = noRegionDefaults();
    const set = withRegion(start, 'slots', '__proto__', 'eu-west-1');
    expect(Object.hasOwn(set.slots, '__proto__')).toBe(true);
    expect(regionFor(set, { slot: '__proto__' })).toBe('eu-west-1');
    expect(start).toEqual(noRegionDefaults());
    expect(withRegion(set, 'slots', '__proto__', undefined)).toEqual(noRegionDefaults());
  });
});

describe('regionDefaultsProblem', () => {
  it.each([
    [[], 'must be {instances, accounts, slots}'],
    [{ instances: {}, accounts: {} }, 'slots must be an object of name → region'],
    [{ ...noRegionDefaults(), profiles: {} }, 'unknown level "profiles" (use instances, accounts, slots)'],
    [{ ...noRegionDefaults(), instances: { 'http://x': 'eu-west-1' } }, 'instances "http://x": the start URL must be an https URL such as https://my-org.awsapps.com/start'],
    [{ ...noRegionDefaults(), slots: { 'a/b': 'eu-west-1' } }, 'slots "a/b": slot name contains "/"'],
    [{ ...noRegionDefaults(), slots: { a: 7 } }, 'slots "a": the region must be an AWS region such as us-east-1'],
  ])('refuses %j: %s', (value, problem) => {
    expect(regionDefaultsProblem(value)).toBe(problem);
  });

  it('accepts the default slot\'s empty name', () => {
    expect(regionDefaultsProblem({ ...noRegionDefaults(), slots: { '': 'eu-west-1' } })).toBeUndefined();
  });
});
