import { useEffect, useState, type FormEvent } from 'react';
import type { AppState, RoleTrayApi } from '../../../preload/api';
import { formatProblem, formatProfileName, PROFILE_FIELDS } from '../../../common/profile-names';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';

const SAMPLE_ROLE = { accountId: '012345678901', accountName: 'Payments Production', roleName: 'AdministratorAccess' };
const PLACEHOLDERS = PROFILE_FIELDS.map((field) => `{${field}}`);

/** The profile-name format, with a live preview on a role of the person's own and the reason a format cannot be used. */
export function ProfileFormat({ api, state }: { api: RoleTrayApi; state: AppState }) {
  const saved = state.settings.profileNameFormat;
  const [format, setFormat] = useState(saved);
  const save = useOperation();
  useEffect(() => setFormat(saved), [saved]);
  const sample = state.recents[0] ?? state.pinned[0] ?? SAMPLE_ROLE;
  const problem = formatProblem(format);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run(() => api.updateSettings({ profileNameFormat: format }), 'Profile names updated');
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="format-title">
      <h2 id="format-title">Profile names</h2>
      <p className="small muted">
        Roles load under this name, and <kbd>Shift</kbd>+<kbd>Enter</kbd> loads a role into the slot of this name. Placeholders: {PLACEHOLDERS.map((p) => <code key={p}>{p} </code>)}
      </p>
      <div className="row">
        <label htmlFor="profile-format">Format</label>
        <input
          id="profile-format"
          className="input mono grow"
          value={format}
          onChange={(e) => setFormat(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby="format-preview"
          spellCheck={false}
        />
        <button type="submit" className="btn" disabled={save.busy || format === saved || Boolean(problem)}>
          Save
        </button>
      </div>
      <p id="format-preview" className={problem ? 'op-error' : 'preview'} aria-live="polite">
        {problem ? `Cannot use this format: ${problem}` : (
          <>
            {sample.accountName} / {sample.roleName} → <strong className="mono" data-testid="format-preview">{formatProfileName(format, sample)}</strong>
          </>
        )}
      </p>
      <OpStatus op={save} />
    </form>
  );
}
