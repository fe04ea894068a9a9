import { useState, type FormEvent } from 'react';
import type { SsoInstance } from '../../../preload/api';
import { regionProblem, startUrlProblem } from '../../../common/sso-instance';
import { capitalised } from '../ui/capitalised';
import { TextField } from '../ui/TextField';
import { SSO_REGIONS } from './regions';

const OTHER = 'other';

interface Props {
  /** Keeps the fields' ids apart from another form on the same page. */
  idPrefix: string;
  submitLabel: string;
  busy: boolean;
  onSubmit: (instance: SsoInstance) => void;
  autoFocus?: boolean;
  primary?: boolean;
}

/**
 * A start URL and a region, checked by the shared rules (common/sso-instance.ts) when submitted,
 * with the reason next to the field; the browser's own validation is off, so its messages never
 * show instead of ours.
 */
export function SsoInstanceForm({ idPrefix, submitLabel, busy, onSubmit, autoFocus = false, primary = false }: Props) {
  const [startUrl, setStartUrl] = useState('');
  const [choice, setChoice] = useState('us-east-1');
  const [otherRegion, setOtherRegion] = useState('');
  const [checked, setChecked] = useState(false);
  const region = choice === OTHER ? otherRegion.trim() : choice;
  const urlProblem = checked ? startUrlProblem(startUrl.trim()) : undefined;
  const regionIssue = checked ? regionProblem(region) : undefined;
  const ids = { url: `${idPrefix}-start-url`, region: `${idPrefix}-region`, other: `${idPrefix}-other-region`, regionError: `${idPrefix}-region-error` };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    const entry = { startUrl: startUrl.trim(), region };
    if (startUrlProblem(entry.startUrl) || regionProblem(entry.region)) return;
    onSubmit(entry);
  };

  return (
    <form className="sso-form" onSubmit={submit} noValidate aria-label="IAM Identity Center instance">
      <TextField
        id={ids.url}
        label="Start URL"
        width="grow"
        type="text"
        inputMode="url"
        autoComplete="url"
        autoFocus={autoFocus}
        placeholder="https://d-1234567890.awsapps.com/start"
        value={startUrl}
        onChange={setStartUrl}
        problem={urlProblem && capitalised(urlProblem)}
      />
      <div className="field">
        <label htmlFor={ids.region}>Region</label>
        <select id={ids.region} className="input" value={choice} onChange={(e) => setChoice(e.target.value)}>
          {SSO_REGIONS.map((r) => (
            <option key={r.id} value={r.id}>
              {r.id} · {r.name}
            </option>
          ))}
          <option value={OTHER}>Another region…</option>
        </select>
        {choice === OTHER && (
          <>
            <label htmlFor={ids.other} className="visually-hidden">
              Region name
            </label>
            <input
              id={ids.other}
              className="input mono"
              spellCheck={false}
              placeholder="e.g. ap-southeast-5"
              value={otherRegion}
              onChange={(e) => setOtherRegion(e.target.value)}
              aria-invalid={regionIssue ? true : undefined}
              aria-describedby={regionIssue ? ids.regionError : undefined}
            />
          </>
        )}
        {regionIssue && (
          <p id={ids.regionError} className="field-error" role="alert">
            {capitalised(regionIssue)}
          </p>
        )}
      </div>
      <button type="submit" className={primary ? 'btn primary' : 'btn'} disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
