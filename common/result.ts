// The shared layer (common/): rules that the window, the core and the command line all follow, one home each.
// Pure TypeScript: no Node, no DOM, no Electron; it imports nothing outside common/.
// This file: the answer every operation gives across a door, instead of a thrown error.

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };
export type Failure = { ok: false; error: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: string): Failure => ({ ok: false, error });
export const done: Result<void> = { ok: true, value: undefined };
