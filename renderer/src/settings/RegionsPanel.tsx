import { useState, type FormEvent } from 'react';
import type { AppState, RoleTrayApi } from '../../../preload/api';
import { regionKeyProblem, withRegion, type RegionLevel } from '../../../common/region-choice';
import { regionProblem } from '../../../common/sso-instance';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';

const LABEL: Record<RegionLevel, string> = { instances: 'Instance', accounts: 'Account', slots: 'Slot' };

/**
 * The default regions (per IAM Identity Center instance, account, slot; the most specific wins)
 * that the env lines, `roletray exec` and the AWS profiles carry as AWS_REGION.
 */
export function RegionsPanel({ api, state }: { api: RoleTrayApi; state: AppState }) {
  const regions = state.settings.regions;
  const op = useOperation();
  const [level, setLevel] = useState<'accounts' | 'slots'>('accounts');
  const [key, setKey] = useState('');
  const [region, setRegion] = useState('');
  const [problem, setProblem] = useState<string>();
  const save = (next: typeof regions, done: string) => void op.run(() => api.updateSettings({ regions: next }), done);

  const add = (e: FormEvent) => {
    e.preventDefault();
    const name = level === 'slots' && key.trim().toLowerCase() === 'default' ? '' : key.trim();
    const wrong = regionKeyProblem(level, name) ?? regionProblem(region.trim());
    setProblem(wrong);
    if (wrong) return;
    save(withRegion(regions, level, name, region.trim()), `${LABEL[level]} ${name || 'default slot'} uses ${region.trim()}`);
    setKey('');
    setRegion('');
  };
  const rows = (['instances', 'accounts', 'slots'] as const).flatMap((l) => Object.entries(regions[l]).map(([k, r]) => ({ level: l, key: k, region: r })));

  return (
    <div className="card" aria-labelledby="regions-title">
      <h2 id="regions-title">Default regions</h2>
      <p className="small muted">
        Programs get these as <span className="mono">AWS_REGION</span> and <span className="mono">AWS_DEFAULT_REGION</span> (the env lines, <span className="mono">roletray exec</span>, the AWS
        profiles). A slot&apos;s region wins over its account&apos;s, which wins over its instance&apos;s.
      </p>
      {state.sso.map((instance) => (
        <InstanceRegion key={instance.startUrl} startUrl={instance.startUrl} current={regions.instances[instance.startUrl] ?? ''} onSave={(r) => save(withRegion(regions, 'instances', instance.startUrl, r || undefined), r ? `${instance.startUrl} uses ${r}` : `${instance.startUrl} has no default region`)} />
      ))}
      {rows.length > 0 && (
        <ul className="region-list" aria-label="Regions set">
          {rows.map((row) => (
            <li key={`${row.level}|${row.key}`} className="row">
              <span>
                {LABEL[row.level]} <span className="mono">{row.level === 'slots' && row.key === '' ? 'default slot' : row.key}</span>: <span className="mono">{row.region}</span>
              </span>
              <button type="button" className="btn" disabled={op.busy} onClick={() => save(withRegion(regions, row.level, row.key, undefined), `Removed the region of ${row.key || 'the default slot'}`)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="row" onSubmit={add} aria-label="Add a region">
        <select className="input narrow" aria-label="For" value={level} onChange={(e) => setLevel(e.target.value as 'accounts' | 'slots')}>
          <option value="accounts">Account</option>
          <option value="slots">Slot</option>
        </select>
        <input className="input narrow mono" aria-label={level === 'accounts' ? 'Account id' : 'Slot name ("default" for the default slot)'} placeholder={level === 'accounts' ? '123456789012' : 'default'} value={key} onChange={(e) => setKey(e.target.value)} />
        <input className="input narrow mono" aria-label="Region" placeholder="eu-west-1" value={region} onChange={(e) => setRegion(e.target.value)} />
        <button type="submit" className="btn" disabled={op.busy}>
          Add
        </button>
      </form>
      {problem && (
        <p className="op-error" role="alert">
          {problem}
        </p>
      )}
      <OpStatus op={op} />
    </div>
  );
}

function InstanceRegion({ startUrl, current, onSave }: { startUrl: string; current: string; onSave: (region: string) => void }) {
  const [value, setValue] = useState(current);
  const [problem, setProblem] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const wrong = value.trim() ? regionProblem(value.trim()) : undefined;
    setProblem(wrong);
    if (!wrong) onSave(value.trim());
  };
  return (
    <form className="row" onSubmit={submit}>
      <label htmlFor={`region-${startUrl}`} className="mono small">
        {startUrl}
      </label>
      <input id={`region-${startUrl}`} className="input narrow mono" placeholder="none" value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="submit" className="btn" disabled={value.trim() === current}>
        Save
      </button>
      {problem && (
        <span className="op-error" role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}
