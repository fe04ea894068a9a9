import { describe, expect, it } from 'vitest';
import { describeFailure, isPageFailure, PageRecovery } from './page-recovery';

describe('PageRecovery', () => {
  it('reloads once, then tells the person, until a load succeeds again', () => {
    const recovery = new PageRecovery();
    expect(recovery.failed()).toBe('reload');
    expect(recovery.failed()).toBe('tell');
    expect(recovery.failed()).toBe('tell');
    recovery.loaded();
    expect(recovery.failed()).toBe('reload');
  });
});

describe('isPageFailure / describeFailure', () => {
  it('counts a crash or a failed load, not a navigation the app aborted or a clean exit', () => {
    expect(isPageFailure({ kind: 'load-failed', code: -6, description: 'ERR_FILE_NOT_FOUND' })).toBe(true);
    expect(isPageFailure({ kind: 'load-failed', code: -3, description: 'ERR_ABORTED' })).toBe(false);
    expect(isPageFailure({ kind: 'gone', reason: 'crashed' })).toBe(true);
    expect(isPageFailure({ kind: 'gone', reason: 'clean-exit' })).toBe(false);
    expect(describeFailure({ kind: 'gone', reason: 'oom' })).toBe("RoleTray's window stopped (oom).");
    expect(describeFailure({ kind: 'load-failed', code: -6, description: 'ERR_FILE_NOT_FOUND' })).toBe("RoleTray's window could not load its page (ERR_FILE_NOT_FOUND -6).");
  });
});
