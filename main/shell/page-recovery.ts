/** Why the window's page is not showing: its load failed, or its renderer process died. */
export type PageFailure = { kind: 'load-failed'; code: number; description: string } | { kind: 'gone'; reason: string };

/**
 * What to do when the window's page fails: reload it once; if it fails again before a load
 * succeeds, stop and tell the person (a reload loop would only burn CPU and hide the cause).
 */
export class PageRecovery {
  private reloaded = false;

  /** 'reload' the first time, 'tell' after that until the page loads again. */
  failed(): 'reload' | 'tell' {
    if (this.reloaded) return 'tell';
    this.reloaded = true;
    return 'reload';
  }

  loaded(): void {
    this.reloaded = false;
  }
}

/** Chromium's ERR_ABORTED: a navigation the app itself stopped (a refused link), not a failure. */
const ABORTED = -3;

export function isPageFailure(failure: PageFailure): boolean {
  return failure.kind === 'gone' ? failure.reason !== 'clean-exit' : failure.code !== ABORTED;
}

export function describeFailure(failure: PageFailure): string {
  return failure.kind === 'gone'
    ? `RoleTray's window stopped (${failure.reason}).`
    : `RoleTray's window could not load its page (${failure.description || 'error'} ${failure.code}).`;
}
