import { useRef, useState, type FormEvent } from 'react';
import type { AppState, RoleTrayApi } from '../../../preload/api';
import { OpStatus } from '../ui/OpStatus';
import { TextField } from '../ui/TextField';
import { useOperation } from '../ui/use-operation';
import { EMPTY_IAM_USER_FIELDS, iamUserFieldProblems, iamUserRequestOf, type IamUserField, type IamUserFields } from './iam-user-form';

const FIELD_ORDER: IamUserField[] = ['name', 'accessKeyId', 'secretAccessKey', 'mfaSerial', 'region'];

/**
 * Adding an IAM user: its name, access key pair, MFA device and region. The secret leaves the page
 * once sent: the field is emptied after every submit that reached RoleTray, which keeps it in the
 * secret store only and never shows it again.
 */
export function IamUserForm({ api, state }: { api: RoleTrayApi; state: AppState }) {
  const [fields, setFields] = useState<IamUserFields>(EMPTY_IAM_USER_FIELDS);
  const [checked, setChecked] = useState(false);
  const [secretCleared, setSecretCleared] = useState(false);
  const add = useOperation();
  const form = useRef<HTMLFormElement>(null);
  const taken = state.iamUsers.map((u) => u.name);
  const problems = checked ? iamUserFieldProblems(fields, taken) : {};
  const set = (field: IamUserField) => (value: string) => {
    setFields((f) => ({ ...f, [field]: value }));
    if (field === 'secretAccessKey') setSecretCleared(false);
  };
  const id = (field: IamUserField) => `iam-${field}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    const found = iamUserFieldProblems(fields, taken);
    const first = FIELD_ORDER.find((f) => found[f]);
    if (first) {
      form.current?.querySelector<HTMLInputElement>(`#${id(first)}`)?.focus();
      return;
    }
    const request = iamUserRequestOf(fields);
    setFields((f) => ({ ...f, secretAccessKey: '' }));
    const added = await add.run(() => api.addIamUser(request), `Added the IAM user ${request.name}`);
    if (added.ok) {
      setFields(EMPTY_IAM_USER_FIELDS);
      setChecked(false);
    } else setSecretCleared(true);
  };

  if (!state.secretsAvailable) {
    return <p className="warn-text">This system offers RoleTray no encryption, so it cannot keep an IAM user's access keys.</p>;
  }
  return (
    <form ref={form} className="iam-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Add an IAM user">
      <TextField id={id('name')} label="Name" className="input mono" placeholder="alice" value={fields.name} onChange={set('name')} problem={problems.name} />
      <TextField id={id('accessKeyId')} label="Access key ID" className="input mono" placeholder="AKIA…" value={fields.accessKeyId} onChange={set('accessKeyId')} problem={problems.accessKeyId} />
      <TextField
        id={id('secretAccessKey')}
        label="Secret access key"
        type="password"
        className="input mono"
        autoComplete="new-password"
        value={fields.secretAccessKey}
        onChange={set('secretAccessKey')}
        problem={problems.secretAccessKey}
        hint={secretCleared ? 'Cleared once sent: paste it again to retry.' : 'Kept in the secret store only; never shown again.'}
      />
      <TextField id={id('mfaSerial')} label="MFA serial (optional)" className="input mono" placeholder="arn:aws:iam::123456789012:mfa/alice" value={fields.mfaSerial} onChange={set('mfaSerial')} problem={problems.mfaSerial} />
      <TextField id={id('region')} label="Region (optional)" className="input mono" placeholder="us-east-1" value={fields.region} onChange={set('region')} problem={problems.region} />
      <div className="form-end">
        <button type="submit" className="btn primary" disabled={add.busy}>
          {add.busy ? 'Adding…' : 'Add IAM user'}
        </button>
        <OpStatus op={add} />
      </div>
    </form>
  );
}
