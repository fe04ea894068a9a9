import { useEffect, useState, type FormEvent } from 'react';
import type { AppState, RoleTrayApi } from '../../../preload/api';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';

/** Where main keeps a copy of the token for `..._TOKEN_FILE` clients, or none. */
export function TokenFile({ api, state }: { api: RoleTrayApi; state: AppState }) {
  const current = state.server.tokenFile;
  const [path, setPath] = useState(current ?? '');
  const save = useOperation();
  useEffect(() => setPath(current ?? ''), [current]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = path.trim() || null;
    void save.run(() => api.setTokenFile(value), value ? `The token is written to ${value}` : 'No token file');
  };
  return (
    <>
      <form className="row labelled" onSubmit={submit}>
        <label htmlFor="token-file">Token file</label>
        <input
          id="token-file"
          className="input mono grow"
          placeholder="none (e.g. ~/.config/roletray/token)"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          aria-describedby="token-file-help"
        />
        <button type="submit" className="btn" disabled={save.busy || (path.trim() || null) === current}>
          Save
        </button>
        {current && (
          <button type="button" className="btn ghost" disabled={save.busy} onClick={() => void save.run(() => api.setTokenFile(null), 'No token file')}>
            Stop writing
          </button>
        )}
      </form>
      <p id="token-file-help" className="small muted">
        RoleTray keeps a copy of the token there (mode 0600, no trailing newline) for <code>AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE</code>, rewritten on every rotation.
      </p>
      <OpStatus op={save} />
    </>
  );
}
