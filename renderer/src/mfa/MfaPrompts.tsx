import { useState } from 'react';
import type { MfaPromptView, RoleTrayApi } from '../../../preload/api';
import { MfaDialog } from './MfaDialog';
import { MfaFailed } from './MfaFailed';

interface Failure {
  prompt: MfaPromptView;
  error: string;
}

/**
 * A dialog for each MFA code RoleTray waits for, on every screen. A prompt answered elsewhere
 * (the command line) leaves the state and its dialog goes; one answered here with a code that
 * failed stays, saying why, until the person closes it.
 */
export function MfaPrompts({ api, prompts }: { api: RoleTrayApi; prompts: readonly MfaPromptView[] }) {
  const [failures, setFailures] = useState<readonly Failure[]>([]);
  const waiting = new Set(prompts.map((p) => p.id));
  const forget = (id: string) => setFailures((all) => all.filter((f) => f.prompt.id !== id));

  const answer = async (prompt: MfaPromptView, code: string) => {
    const answered = await api.answerMfa({ id: prompt.id, code });
    if (answered.ok) forget(prompt.id);
    else setFailures((all) => [...all.filter((f) => f.prompt.id !== prompt.id), { prompt, error: answered.error }]);
    return answered;
  };

  return (
    <>
      {failures
        .filter((f) => !waiting.has(f.prompt.id))
        .map((f) => (
          <MfaFailed key={f.prompt.id} prompt={f.prompt} error={f.error} close={() => forget(f.prompt.id)} />
        ))}
      {prompts.map((p) => (
        <MfaDialog key={p.id} prompt={p} failure={failures.find((f) => f.prompt.id === p.id)?.error} answer={(code) => answer(p, code)} cancel={() => api.cancelMfa(p.id)} />
      ))}
    </>
  );
}
