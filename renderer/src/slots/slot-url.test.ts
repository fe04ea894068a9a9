import { describe, expect, it } from 'vitest';
import { slotUrl } from './slot-url';

describe('slotUrl', () => {
  it('is the base URL for the default slot and slot/<name> for a named one, the name escaped', () => {
    expect(slotUrl('http://127.0.0.1:4144/', '')).toBe('http://127.0.0.1:4144/');
    expect(slotUrl('http://127.0.0.1:4144/', 'ci')).toBe('http://127.0.0.1:4144/slot/ci');
    expect(slotUrl('https://127.0.0.1:4144/', '012345678901:Admin')).toBe('https://127.0.0.1:4144/slot/012345678901%3AAdmin');
    expect(slotUrl('http://127.0.0.1:4144/', 'a b/c?')).toBe('http://127.0.0.1:4144/slot/a%20b%2Fc%3F');
  });
});
