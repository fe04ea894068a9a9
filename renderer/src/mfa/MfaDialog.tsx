import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { MfaPromptView, Result } from '../../../preload/api';
import { mfaCodeProblem } from '../../../common/sts-rules';
import { formatCountdown } from '../../../common/time-format';
import { capitalised } from '../ui/capitalised';
import { Dialog } from '../ui/Dialog';
import { TextField } from '../ui/TextField';
import { useNow } from '../ui/use-now';
import { MfaHeading } from './MfaHeading';

interface Props {
  prompt: MfaPromptView;
  /** Why the last answer given here failed, should RoleTray ask again with the same prompt. */
  failure: string | undefined;
  answer: (code: string) => Promise<Result<void>>;
  cancel: () => Promise<Result<void>>;
}

/**
 * One MFA code RoleTray waits for: what it is for, the device, the code field, Submit and Cancel
 * (Escape too). A code that is not six digits is refused here, before RoleTray sees it.
 */
export function MfaDialog({ prompt, failure, answer, cancel }: Props) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [cancelError, setCancelError] = useState<string>();
  const field = useRef<HTMLInputElement>(null);
  const now = useNow();
  const ids = { title: `mfa-title-${prompt.id}`, reason: `mfa-reason-${prompt.id}`, code: `mfa-code-${prompt.id}` };

  useEffect(() => {
    if (failure) field.current?.select();
  }, [failure]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // Authenticators show "123 456": the spaces are not part of the code.
    const entered = code.replace(/\s+/g, '');
    const wrong = mfaCodeProblem(entered);
    setProblem(wrong && capitalised(wrong));
    if (wrong) {
      field.current?.focus();
      return;
    }
    setBusy(true);
    await answer(entered);
    setBusy(false);
  };
  const onCancel = async () => {
    setBusy(true);
    const cancelled = await cancel();
    setBusy(false);
    setCancelError(cancelled.ok ? undefined : cancelled.error);
  };

  const error = problem ?? failure;
  return (
    <Dialog labelledBy={ids.title} describedBy={ids.reason} onCancel={() => void onCancel()} className="mfa-dialog">
      <MfaHeading prompt={prompt} ids={ids} />
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={`MFA code for ${prompt.profileName}`}>
        <TextField
          ref={field}
          id={ids.code}
          label="6-digit code"
          className="input mono mfa-code"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          value={code}
          onChange={setCode}
          problem={error}
        />
        <p className="small muted">Waits {formatCountdown(prompt.expiresAt - now)} more.</p>
        <div className="row dialog-buttons">
          <button type="submit" className="btn primary" disabled={busy}>
            {busy ? 'Checking…' : 'Submit'}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void onCancel()}>
            Cancel
          </button>
        </div>
        {cancelError && (
          <p className="op-error" role="alert">
            {cancelError}
          </p>
        )}
      </form>
    </Dialog>
  );
}
