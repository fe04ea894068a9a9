import { useRef, useState, type FormEvent } from 'react';
import type { RoleTrayApi } from '../../../preload/api';
import { CHAINED_MAX_SECONDS, MAX_DURATION_SECONDS } from '../../../common/sts-rules';
import { Dialog } from '../ui/Dialog';
import { OpStatus } from '../ui/OpStatus';
import { TextField } from '../ui/TextField';
import { useOperation } from '../ui/use-operation';
import { assumeFieldProblems, defaultProfileName, definitionOf, EMPTY_ASSUME_FIELDS, type AssumeField, type AssumeFields } from './assume-form';

interface Props {
  api: RoleTrayApi;
  /** The profile the role is assumed from: a catalogue role's, a chain's, an IAM user's name. */
  via: string;
  /** The source is itself a role (STS then grants at most an hour). */
  chained: boolean;
  /** Loaded: what to tell the person where they started from. */
  onLoaded: (message: string) => void;
  onClose: () => void;
}

const FIELD_ORDER: AssumeField[] = ['roleArn', 'profileName', 'externalId', 'roleSessionName', 'durationSeconds', 'mfaSerial', 'region'];

/**
 * "Assume a role from this one…": a role ARN and the AWS CLI's optional settings, checked by the
 * shared STS rules before anything is sent, then loaded through loadAssumed (and kept as a chain
 * unless the person unticks it). A refusal keeps everything typed, with the reason by its field.
 */
export function AssumeRoleDialog({ api, via, chained, onLoaded, onClose }: Props) {
  const [fields, setFields] = useState<AssumeFields>(EMPTY_ASSUME_FIELDS);
  const [checked, setChecked] = useState(false);
  const [save, setSave] = useState(true);
  const [ownSlot, setOwnSlot] = useState(false);
  const load = useOperation();
  const form = useRef<HTMLFormElement>(null);
  const problems = checked ? assumeFieldProblems(fields, via, chained) : {};
  const set = (field: AssumeField) => (value: string) => setFields((f) => ({ ...f, [field]: value }));
  const id = (field: AssumeField) => `assume-${field}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    const found = assumeFieldProblems(fields, via, chained);
    const first = FIELD_ORDER.find((f) => found[f]);
    if (first) {
      form.current?.querySelector<HTMLInputElement>(`#${id(first)}`)?.focus();
      return;
    }
    const definition = definitionOf(fields, via);
    const loaded = await load.run(() => api.loadAssumed({ definition, save, ...(ownSlot ? { slotted: true } : {}) }));
    if (loaded.ok) {
      const where = loaded.value.slot ? `slot “${loaded.value.slot}”` : 'the default slot';
      onLoaded(`Assumed ${definition.roleArn} from ${via}: loaded ${loaded.value.profileName} into ${where}${save ? ', and kept it as a chain' : ''}`);
    }
  };

  const maxSeconds = chained ? CHAINED_MAX_SECONDS : MAX_DURATION_SECONDS;
  return (
    <Dialog labelledBy="assume-title" describedBy="assume-about" onCancel={onClose} className="assume-dialog">
      <h2 id="assume-title">Assume a role from {via}</h2>
      <p id="assume-about" className="small muted">
        RoleTray calls sts:AssumeRole with {via}'s credentials and serves the role it gets, refreshing it through {via}.
      </p>
      <form ref={form} className="assume-form" onSubmit={(e) => void submit(e)} noValidate aria-label={`Assume a role from ${via}`}>
        <div className="field-grid">
          <TextField id={id('roleArn')} label="Role ARN" width="wide" className="input mono" autoFocus placeholder="arn:aws:iam::123456789012:role/Deploy" value={fields.roleArn} onChange={set('roleArn')} problem={problems.roleArn} />
          <TextField
            id={id('profileName')}
            label="Profile name"
            className="input mono"
            placeholder={defaultProfileName(fields.roleArn) ?? 'the role’s name'}
            value={fields.profileName}
            onChange={set('profileName')}
            problem={problems.profileName}
          />
          <TextField id={id('externalId')} label="External ID (optional)" className="input mono" value={fields.externalId} onChange={set('externalId')} problem={problems.externalId} />
          <TextField id={id('roleSessionName')} label="Session name (optional)" className="input mono" placeholder="roletray-…" value={fields.roleSessionName} onChange={set('roleSessionName')} problem={problems.roleSessionName} />
          <TextField
            id={id('durationSeconds')}
            label="Duration in seconds (optional)"
            className="input mono"
            inputMode="numeric"
            placeholder={`900 to ${maxSeconds}`}
            value={fields.durationSeconds}
            onChange={set('durationSeconds')}
            problem={problems.durationSeconds}
          />
          <TextField id={id('mfaSerial')} label="MFA serial (optional)" className="input mono" placeholder="arn:aws:iam::123456789012:mfa/alice" value={fields.mfaSerial} onChange={set('mfaSerial')} problem={problems.mfaSerial} />
          <TextField id={id('region')} label="Region (optional)" className="input mono" placeholder="as its source" value={fields.region} onChange={set('region')} problem={problems.region} />
        </div>
        <label className="switch">
          <input type="checkbox" checked={save} onChange={(e) => setSave(e.target.checked)} />
          Save as a chain
        </label>
        <label className="switch">
          <input type="checkbox" checked={ownSlot} onChange={(e) => setOwnSlot(e.target.checked)} />
          Load into its own slot (named after the profile) instead of the default slot
        </label>
        <OpStatus op={load} />
        <div className="row dialog-buttons">
          <button type="submit" className="btn primary" disabled={load.busy}>
            {load.busy ? 'Assuming…' : 'Assume and load'}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
