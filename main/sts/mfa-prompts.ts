import type { MfaPromptView } from '../../preload/api';
import { mfaCodeProblem } from '../../common/sts-rules';
import { UserError } from '../../common/user-error';
import type { TimerFunctions } from '../credentials/refresh';

/** How long a load waits for a code before it fails. */
export const MFA_WAIT_MS = 3 * 60_000;

/** The wait for a code ended without one: timed out, or the person cancelled. */
export class MfaNotEnteredError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'MfaNotEnteredError';
  }
}

/**
 * A code as the work that asked gets it: `settle` says how STS took it (an error: refused), which
 * is what the person who typed it is answered.
 */
export interface GivenCode {
  code: string;
  settle(err?: unknown): void;
}

interface Waiting {
  view: MfaPromptView;
  handle: unknown;
  waiters: { resolve: (code: GivenCode) => void; reject: (err: Error) => void }[];
}

export interface MfaAsk {
  mfaSerial: string;
  profileName: string;
  reason: string;
}

/**
 * The MFA codes RoleTray is waiting for, one prompt per device: whoever is attached (the window,
 * the CLI's terminal) sees them in AppState.mfaPrompts and answers with answerMfa. Work that needs
 * the same device while a prompt waits joins it, so one code serves both. The first answer wins.
 */
export class MfaPrompts {
  private readonly waiting = new Map<string, Waiting>();
  private seq = 0;

  constructor(private readonly deps: TimerFunctions & { now: () => number; onChange: () => void }) {}

  list(): MfaPromptView[] {
    return [...this.waiting.values()].map((w) => w.view);
  }

  /** Waits for a code for `ask.mfaSerial`, at most `waitMs`; rejects with MfaNotEnteredError when none comes. */
  ask(ask: MfaAsk, waitMs: number = MFA_WAIT_MS): Promise<GivenCode> {
    return new Promise((resolve, reject) => {
      const joined = [...this.waiting.values()].find((w) => w.view.mfaSerial === ask.mfaSerial);
      if (joined) return void joined.waiters.push({ resolve, reject });
      const id = `mfa${++this.seq}`;
      const view: MfaPromptView = { id, mfaSerial: ask.mfaSerial, profileName: ask.profileName, reason: ask.reason, expiresAt: this.deps.now() + waitMs };
      const handle = this.deps.setTimer(() => this.end(id, new MfaNotEnteredError(`No MFA code was entered for ${ask.profileName} (${ask.mfaSerial}); load it again`)), waitMs);
      this.waiting.set(id, { view, handle, waiters: [{ resolve, reject }] });
      this.deps.onChange();
    });
  }

  /**
   * Hands a code to the work waiting on prompt `id`; a code that is not 6 digits is refused here
   * (thrown), before any request. Resolves once STS has taken the code, or rejects with its reason
   * for refusing it, so whoever typed it (the window, a terminal) is told, whichever door asked.
   */
  answer(id: string, code: string): Promise<void> {
    const problem = mfaCodeProblem(code);
    if (problem) throw new UserError(`That MFA code was not sent: ${problem}`);
    const w = this.take(id);
    return new Promise((resolve, reject) => {
      let settled = false;
      // Work that joined the prompt shares the code; the first to use it tells how it went.
      const settle = (err?: unknown) => {
        if (settled) return;
        settled = true;
        if (err === undefined) resolve();
        else reject(err);
      };
      for (const waiter of w.waiters) waiter.resolve({ code, settle });
    });
  }

  cancel(id: string): void {
    const w = this.take(id);
    const err = new MfaNotEnteredError(`The MFA code for ${w.view.profileName} was not entered (cancelled); nothing was loaded`);
    for (const waiter of w.waiters) waiter.reject(err);
  }

  /** Ends every wait (shutdown). */
  cancelAll(): void {
    for (const id of this.waiting.keys()) this.end(id, new MfaNotEnteredError('RoleTray is stopping; no MFA code will be asked for'));
  }

  private take(id: string): Waiting {
    const w = this.waiting.get(id);
    if (!w) throw new UserError('That MFA prompt is no longer waiting (answered elsewhere, cancelled or timed out)');
    this.deps.clearTimer(w.handle);
    this.waiting.delete(id);
    this.deps.onChange();
    return w;
  }

  private end(id: string, err: Error): void {
    if (!this.waiting.has(id)) return;
    const w = this.take(id);
    for (const waiter of w.waiters) waiter.reject(err);
  }
}
