import type { AppState, MfaPromptView } from '../../preload/api';

/**
 * Which MFA prompts are new since the last snapshot, so the shell brings the window (and a
 * notification) once per prompt rather than on every state change while one waits.
 */
export class MfaPromptWatch {
  private seen = new Set<string>();

  /** The prompts of `state` not seen before; those that left the state are forgotten. */
  arrived(state: Pick<AppState, 'mfaPrompts'>): MfaPromptView[] {
    const fresh = state.mfaPrompts.filter((p) => !this.seen.has(p.id));
    this.seen = new Set(state.mfaPrompts.map((p) => p.id));
    return fresh;
  }
}

/** The notification's text for a new prompt: who the code is for and what it unlocks. */
export function mfaNotification(prompt: MfaPromptView): { title: string; body: string } {
  return { title: 'MFA code needed', body: `Enter the code of ${prompt.mfaSerial} for ${prompt.profileName} ${prompt.reason}.` };
}
