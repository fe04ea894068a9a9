import { describe, expect, it } from 'vitest';
import { ARG_CHECKS } from './validate-args';

describe('the pin request check', () => {
  it('takes a role by its key, or a chain or IAM user by its profile name', () => {
    expect(ARG_CHECKS.setPinned({ roleKey: 'k', pinned: true })).toEqual({ ok: true, value: { roleKey: 'k', pinned: true } });
    expect(ARG_CHECKS.setPinned({ profile: 'deploy', pinned: false })).toEqual({ ok: true, value: { profile: 'deploy', pinned: false } });
  });

  it.each<[unknown, RegExp]>([
    [{ profile: 'deploy', roleKey: 'k', pinned: true }, /unknown field "roleKey"/],
    [{ profile: 7, pinned: true }, /"profile" is missing or of the wrong type/],
    [{ profile: 'deploy' }, /"pinned" is missing/],
    [{ pinned: true }, /"roleKey" is missing/],
    ['deploy', /pin request must be an object/],
  ])('refuses %j', (arg, error) => {
    expect(ARG_CHECKS.setPinned(arg)).toEqual({ ok: false, error: expect.stringMatching(error) });
  });
});
