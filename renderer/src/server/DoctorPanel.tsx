import { useState } from 'react';
import type { DoctorFinding, RoleTrayApi } from '../../../preload/api';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';

/** `roletray doctor` for the desktop's environment: what would stop programs started from it from using RoleTray, with the fixes. */
export function DoctorPanel({ api }: { api: RoleTrayApi }) {
  const [findings, setFindings] = useState<DoctorFinding[]>();
  const op = useOperation();
  const check = async () => {
    const result = await op.run(() => api.runDoctor(), (f) => (f.length ? `${f.length} problem${f.length === 1 ? '' : 's'} found` : 'No problems found'));
    setFindings(result.ok ? result.value : undefined);
  };
  return (
    <div className="card" aria-labelledby="doctor-title">
      <h2 id="doctor-title">Check the environment</h2>
      <p className="small muted">
        What would stop programs started from the desktop (IDEs, launchers) from using RoleTray: variables that win over it, profiles with keys of their own, the
        token, the port, the clock. For a shell, run <span className="mono">roletray doctor</span> in it.
      </p>
      <div className="row">
        <button type="button" className="btn" disabled={op.busy} onClick={() => void check()}>
          Check
        </button>
      </div>
      <OpStatus op={op} />
      {findings && findings.length > 0 && (
        <ul className="findings" aria-label="Problems found">
          {findings.map((f) => (
            <li key={f.id}>
              <p>{f.problem}</p>
              <p className="small">
                Fix: <span className="mono">{f.fix}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
