import type { MfaPromptView } from '../../../preload/api';
import { Dialog } from '../ui/Dialog';
import { MfaHeading } from './MfaHeading';

/** A code entered here that RoleTray (or STS) refused, after its prompt has gone: why, until the person closes it. */
export function MfaFailed({ prompt, error, close }: { prompt: MfaPromptView; error: string; close: () => void }) {
  const ids = { title: `mfa-title-${prompt.id}`, reason: `mfa-reason-${prompt.id}` };
  return (
    <Dialog labelledBy={ids.title} describedBy={ids.reason} onCancel={close} className="mfa-dialog">
      <MfaHeading prompt={prompt} ids={ids} />
      <p className="op-error" role="alert">
        {error}
      </p>
      <div className="row dialog-buttons">
        <button type="button" className="btn primary" autoFocus onClick={close}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
