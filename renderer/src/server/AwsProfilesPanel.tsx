import { useState } from 'react';
import type { ProfilesReport, RoleTrayApi } from '../../../preload/api';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';

function summary(r: ProfilesReport): string {
  if (!r.written && r.diff === '') return `${r.file} is up to date`;
  const counts = `${r.added.length} added, ${r.updated.length} updated, ${r.removed.length} removed`;
  return r.written ? `Wrote ${r.file}: ${counts}` : `${r.file} would get: ${counts}`;
}

/**
 * For tools that want a named profile (--profile, AWS_PROFILE, Terraform, CDK): a profile per role
 * in ~/.aws/config, between RoleTray's markers, as `roletray setup profiles` writes them.
 */
export function AwsProfilesPanel({ api }: { api: RoleTrayApi }) {
  const [prefix, setPrefix] = useState('');
  const [prune, setPrune] = useState(false);
  const [report, setReport] = useState<ProfilesReport>();
  const op = useOperation();
  const run = async (dryRun: boolean) => {
    const result = await op.run(() => api.writeAwsProfiles({ prune, dryRun, ...(prefix.trim() ? { prefix: prefix.trim() } : {}) }), summary);
    setReport(result.ok ? result.value : undefined);
  };
  return (
    <div className="card" aria-labelledby="aws-profiles-title">
      <h2 id="aws-profiles-title">AWS profiles</h2>
      <p className="small muted">
        Writes a profile for each role into <span className="mono">~/.aws/config</span>, between <span className="mono"># BEGIN ROLETRAY</span> and{' '}
        <span className="mono"># END ROLETRAY</span>, for tools that take a profile name. Each gets its credentials from RoleTray through{' '}
        <span className="mono">credential_process</span>; nothing outside the markers changes.
      </p>
      <div className="row">
        <label htmlFor="profiles-prefix">Name prefix</label>
        <input id="profiles-prefix" className="input narrow mono" placeholder="none" value={prefix} onChange={(e) => setPrefix(e.target.value)} />
        <label className="switch">
          <input type="checkbox" checked={prune} onChange={(e) => setPrune(e.target.checked)} />
          Remove profiles of roles that no longer exist
        </label>
      </div>
      <div className="row">
        <button type="button" className="btn" disabled={op.busy} onClick={() => void run(true)}>
          Preview
        </button>
        <button type="button" className="btn primary" disabled={op.busy} onClick={() => void run(false)}>
          Write AWS profiles
        </button>
      </div>
      <OpStatus op={op} />
      {report && report.collisions.length > 0 && (
        <p className="small" data-testid="profiles-collisions">
          Left alone, as profiles of these names exist outside RoleTray&apos;s block: <span className="mono">{report.collisions.join(', ')}</span>
        </p>
      )}
      {report && report.stale.length > 0 && <p className="small muted">Kept for roles that no longer exist: {report.stale.join(', ')}</p>}
      {report && !report.written && report.diff && (
        <pre className="env-lines" aria-label="Profiles change" tabIndex={0}>
          {report.diff}
        </pre>
      )}
    </div>
  );
}
