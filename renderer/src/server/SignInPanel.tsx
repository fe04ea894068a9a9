import { useEffect, useRef } from 'react';
import type { RoleTrayApi, SsoView } from '../../../preload/api';
import { OpStatus } from '../ui/OpStatus';
import { formatIn } from '../../../common/time-format';
import { formatClock } from '../ui/time';
import { useNow } from '../ui/use-now';
import { useOperation } from '../ui/use-operation';

/** One IAM Identity Center instance: sign in (device code, shown big), signed-in state, sign out. */
export function SignInPanel({ api, sso, compact = false }: { api: RoleTrayApi; sso: SsoView; compact?: boolean }) {
  const now = useNow(30_000);
  const signIn = useOperation();
  const cancel = useOperation();
  const signOut = useOperation();
  const open = useOperation();
  const prompt = sso.signIn;
  const browser = sso.browserSignIn;
  const promptRef = useRef<HTMLDivElement>(null);
  const waiting = prompt?.userCode ?? browser?.url;
  // A sign-in started anywhere on the screen (or from the tray) shows its panel where the person looks.
  useEffect(() => {
    if (waiting) promptRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [waiting]);
  const switchToCode = async () => {
    const cancelled = await cancel.run(() => api.cancelSignIn(sso.startUrl));
    if (cancelled.ok) await signIn.run(() => api.signIn({ startUrl: sso.startUrl, region: sso.region, method: 'device' }));
  };

  if (browser && !prompt) {
    return (
      <div ref={promptRef} className="sign-in-prompt" role="group" aria-label={`Sign-in to ${sso.startUrl}`} data-testid="browser-sign-in">
        {browser.openError ? (
          <p className="op-error" role="alert">
            No browser opened ({browser.openError}). Open the sign-in page yourself, or sign in with a code.
          </p>
        ) : (
          <p>
            <strong>Finish signing in in your browser.</strong> RoleTray opened the AWS sign-in page there; approve RoleTray and come back.
          </p>
        )}
        <div className="row">
          <button type="button" className="btn primary" disabled={open.busy} onClick={() => void open.run(() => api.openExternal(browser.url))}>
            Open the sign-in page again
          </button>
          <button type="button" className="btn" disabled={signIn.busy || cancel.busy} onClick={() => void switchToCode()}>
            Sign in with a code instead
          </button>
          <button type="button" className="btn" disabled={cancel.busy} onClick={() => void cancel.run(() => api.cancelSignIn(sso.startUrl), 'Sign-in cancelled')}>
            Cancel
          </button>
          <span className="small muted">Page valid {formatIn(browser.expiresAt - now)}</span>
        </div>
        <OpStatus op={open.error ? open : cancel.error ? cancel : signIn} />
      </div>
    );
  }

  if (prompt) {
    return (
      <div ref={promptRef} className="sign-in-prompt" role="group" aria-label={`Sign-in to ${sso.startUrl}`}>
        <p>Confirm this code on the verification page, then approve RoleTray:</p>
        <p className="user-code mono" aria-label={`Code ${prompt.userCode.split('').join(' ')}`} data-testid="user-code">
          {prompt.userCode}
        </p>
        <div className="row">
          <button type="button" className="btn primary" disabled={open.busy} onClick={() => void open.run(() => api.openExternal(prompt.verificationUri))}>
            Open verification page
          </button>
          <button type="button" className="btn" disabled={cancel.busy} onClick={() => void cancel.run(() => api.cancelSignIn(sso.startUrl), 'Sign-in cancelled')}>
            Cancel
          </button>
          <span className="small muted">Code valid {formatIn(prompt.expiresAt - now)}</span>
        </div>
        <p className="small muted mono break">{prompt.verificationUri}</p>
        <OpStatus op={open.error ? open : cancel.error ? cancel : signIn} />
      </div>
    );
  }

  if (sso.signedIn && !compact) {
    return (
      <div className="row">
        <span className="badge ok">Signed in</span>
        {sso.sessionExpiresAt ? (
          <span className={`small${sso.sessionWarning ? ' warn-text' : ''}`} title={formatClock(sso.sessionExpiresAt)}>
            session ends {formatIn(sso.sessionExpiresAt - now)}
          </span>
        ) : (
          sso.renews && <span className="small muted">the session renews itself</span>
        )}
        <span className="grow" />
        <button type="button" className="btn" disabled={signOut.busy} onClick={() => void signOut.run(() => api.signOut(sso.startUrl), 'Signed out')}>
          Sign out
        </button>
        <OpStatus op={signOut.error ? signOut : signIn} />
      </div>
    );
  }

  return (
    <div className="row">
      {!compact && <span className="badge neutral">Signed out</span>}
      {sso.error && (
        <span className="op-error inline" role="alert">
          {sso.error}
        </span>
      )}
      <span className="grow" />
      <button
        type="button"
        className="btn primary"
        disabled={signIn.busy}
        onClick={() => void signIn.run(() => api.signIn({ startUrl: sso.startUrl, region: sso.region }))}
      >
        {signIn.busy ? 'Starting sign-in…' : 'Sign in'}
      </button>
      <OpStatus op={signOut.done ? signOut : signIn} />
    </div>
  );
}
