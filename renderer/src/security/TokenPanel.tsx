import { useEffect, useState, type FormEvent } from 'react';
import type { AppState, RoleTrayApi } from '../../../preload/api';
import { copyText } from '../ui/clipboard';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';
import { TokenFile } from './TokenFile';

const REVEAL_MS = 60_000;

export function TokenPanel({ api, state }: { api: RoleTrayApi; state: AppState }) {
  const on = state.server.auth;
  const toggle = useOperation();
  const rotate = useOperation();
  const remove = useOperation();
  const reveal = useOperation();
  const copy = useOperation();
  const own = useOperation();
  const [revealed, setRevealed] = useState<string>();
  const [ownToken, setOwnToken] = useState('');

  // The token lives in the page only while it is on screen.
  useEffect(() => {
    if (revealed === undefined) return;
    const t = setTimeout(() => setRevealed(undefined), REVEAL_MS);
    return () => clearTimeout(t);
  }, [revealed]);
  useEffect(() => {
    if (!on) setRevealed(undefined);
  }, [on]);

  const show = async () => {
    const token = await reveal.run(() => api.revealToken());
    if (token.ok) setRevealed(token.value);
  };
  const generate = async (op: typeof toggle, message: string) => {
    setRevealed(undefined);
    await op.run(() => api.generateToken(), message);
  };
  const submitOwn = async (e: FormEvent) => {
    e.preventDefault();
    setRevealed(undefined);
    const done = await own.run(() => api.setToken(ownToken), 'Token set');
    if (done.ok) setOwnToken('');
  };

  return (
    <div className="card" aria-labelledby="token-title">
      <h2 id="token-title">Bearer token</h2>
      <p className="small muted">
        With a token on, the server answers only requests carrying it in <code>Authorization</code> (from <code>AWS_CONTAINER_AUTHORIZATION_TOKEN</code> or <code>..._TOKEN_FILE</code>); others get 403.
      </p>
      <div className="row">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={on}
            disabled={toggle.busy}
            onChange={(e) =>
              void (e.target.checked ? generate(toggle, 'Token generated: clients now need it') : toggle.run(() => api.deleteToken(), 'Token deleted: the server answers without one'))
            }
          />
          <span>Require a bearer token</span>
        </label>
        <span className={`badge ${on ? 'ok' : 'warn'}`} data-testid="token-state">
          {on ? 'on' : 'off'}
        </span>
      </div>
      <OpStatus op={toggle} />
      {on && (
        <>
          <div className="row">
            <button type="button" className="btn" disabled={reveal.busy} onClick={() => (revealed ? setRevealed(undefined) : void show())}>
              {revealed ? 'Hide token' : 'Show token'}
            </button>
            <button type="button" className="btn" disabled={rotate.busy} onClick={() => void generate(rotate, 'Token rotated: clients need the new one')}>
              Rotate
            </button>
            <button type="button" className="btn danger" disabled={remove.busy} onClick={() => void remove.run(() => api.deleteToken(), 'Token deleted')}>
              Delete
            </button>
          </div>
          <OpStatus op={reveal.error ? reveal : rotate.error || rotate.done ? rotate : remove} />
          {revealed !== undefined && (
            <div className="reveal">
              <label htmlFor="token-value" className="small">
                Token (hidden again in a minute)
              </label>
              <div className="row">
                <input id="token-value" className="input mono grow" readOnly value={revealed} onFocus={(e) => e.target.select()} data-testid="token-value" />
                <button type="button" className="btn" onClick={() => void copy.run(() => copyText(revealed), 'Token copied')}>
                  Copy
                </button>
              </div>
              <OpStatus op={copy} />
            </div>
          )}
        </>
      )}
      <form className="row labelled" onSubmit={(e) => void submitOwn(e)}>
        <label htmlFor="own-token">Use my own token</label>
        <input id="own-token" className="input mono grow" type="password" autoComplete="off" value={ownToken} onChange={(e) => setOwnToken(e.target.value)} />
        <button type="submit" className="btn" disabled={!ownToken || own.busy}>
          Set
        </button>
      </form>
      <OpStatus op={own} />
      <TokenFile api={api} state={state} />
    </div>
  );
}
