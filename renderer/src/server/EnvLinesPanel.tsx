import { useEffect, useState } from 'react';
import type { AppState, RoleTrayApi, Shell } from '../../../preload/api';
import { copyText } from '../ui/clipboard';
import { EnvLines } from '../ui/EnvLines';
import { OpStatus } from '../ui/OpStatus';
import { SHELLS } from '../ui/shells';
import { useOperation } from '../ui/use-operation';

/** The exact lines for the default slot, per shell, refetched when the server's address, auth or CA change. */
export function EnvLinesPanel({ api, state }: { api: RoleTrayApi; state: AppState }) {
  const [shell, setShell] = useState<Shell>('sh');
  const [lines, setLines] = useState<string[]>();
  const fetchOp = useOperation();
  const copy = useOperation();
  const { url, auth, tokenFile, caFile } = state.server;
  const run = fetchOp.run;
  useEffect(() => {
    void run(() => api.envLines({ shell })).then((r) => setLines(r.ok ? r.value : undefined));
  }, [api, run, shell, url, auth, tokenFile, caFile]);

  return (
    <div className="env-panel">
      <div className="tabs" role="tablist" aria-label="Shell">
        {SHELLS.map((s) => (
          <button
            key={s.shell}
            type="button"
            role="tab"
            id={`env-tab-${s.shell}`}
            aria-selected={shell === s.shell}
            aria-controls="env-default-lines"
            className="tab"
            onClick={() => setShell(s.shell)}
          >
            {s.label}
          </button>
        ))}
        <span className="grow" />
        <button
          type="button"
          className="btn"
          disabled={!lines}
          onClick={() => lines && void copy.run(() => copyText(lines.join('\n') + '\n'), 'Copied')}
        >
          Copy
        </button>
      </div>
      <EnvLines id="env-default-lines" role="tabpanel" aria-labelledby={`env-tab-${shell}`} data-testid="env-default" lines={lines ?? []} />
      <OpStatus op={fetchOp.error ? fetchOp : copy} />
    </div>
  );
}
