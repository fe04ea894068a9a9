import { useState } from 'react';
import type { AppState, RoleTrayApi } from '../../../preload/api';
import { copyText } from '../ui/clipboard';
import { ConfirmButton } from '../ui/ConfirmButton';
import { OpStatus } from '../ui/OpStatus';
import { formatClock } from '../ui/time';
import { useOperation } from '../ui/use-operation';
import { PastePair } from './PastePair';

export function TlsPanel({ api, state }: { api: RoleTrayApi; state: AppState }) {
  const { tls } = state;
  const toggle = useOperation();
  const generate = useOperation();
  const remove = useOperation();
  const exportOp = useOperation();
  const copy = useOperation();
  const [ca, setCa] = useState<{ pem: string; path?: string }>();
  const serving = tls.saved && !tls.disabled;

  const doExport = async () => {
    const value = await exportOp.run(() => api.exportCa(), (v) => (v.path ? `Exported to ${v.path}` : 'Certificate shown below'));
    if (value.ok) setCa(value.value);
  };

  return (
    <div className="card" aria-labelledby="tls-title">
      <h2 id="tls-title">TLS (https)</h2>
      <div className="row">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={serving}
            disabled={!tls.saved || toggle.busy}
            onChange={(e) => void toggle.run(() => api.setTlsDisabled(!e.target.checked), e.target.checked ? 'Serving https' : 'Serving http; the certificate is kept')}
            aria-describedby="tls-trust-note"
          />
          <span>Serve https</span>
        </label>
        <span className={`badge ${serving ? 'ok' : 'neutral'}`} data-testid="tls-state">
          {!tls.saved ? 'no certificate' : tls.disabled ? 'off (certificate kept)' : 'on'}
        </span>
      </div>
      <p id="tls-trust-note" className="note">
        Which clients trust a local certificate, as measured: the AWS SDK for JavaScript (with <code>NODE_EXTRA_CA_CERTS</code>) and the AWS SDK for Go v1 (with <code>AWS_CA_BUNDLE</code>). The AWS CLI v2 and Python clients (boto3, botocore; boto3 issue 4188) refuse it even with <code>AWS_CA_BUNDLE</code>, and the Go SDK v2 trusts it only through <code>SSL_CERT_FILE</code>, a bundle that replaces the system CAs. Keep http for the AWS CLI and Python tools on this machine.
      </p>
      <OpStatus op={toggle} />

      {tls.info && (
        <dl className="facts" data-testid="tls-info">
          <dt>Subject</dt>
          <dd className="mono break">{tls.info.subject}</dd>
          <dt>Names</dt>
          <dd className="mono break">{tls.info.subjectAltName || '—'}</dd>
          <dt>Valid until</dt>
          <dd>{formatClock(Date.parse(tls.info.validTo))}</dd>
          <dt>Issuer</dt>
          <dd className="mono break">{tls.info.selfSigned ? 'self-signed' : tls.info.issuer}</dd>
          <dt>SHA-256</dt>
          <dd className="mono break small">{tls.info.fingerprint256}</dd>
        </dl>
      )}
      {tls.warnings.length > 0 && (
        <ul className="warnings" aria-label="Certificate warnings">
          {tls.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}

      <div className="row">
        {tls.saved ? (
          <ConfirmButton
            label="Replace with a new local certificate…"
            className="btn"
            question="Replace the saved certificate? Clients that trust the current CA must be given the new one."
            groupLabel="Replace the certificate?"
            confirmLabel="Replace"
            keepLabel="Keep it"
            disabled={generate.busy}
            onConfirm={() => void generate.run(() => api.generateTls(), 'Generated a new local certificate; export the CA again for your clients')}
          />
        ) : (
          <button type="button" className="btn" disabled={generate.busy} onClick={() => void generate.run(() => api.generateTls(), 'Generated a local certificate for 127.0.0.1 and localhost')}>
            Generate a local certificate
          </button>
        )}
        <button type="button" className="btn" disabled={!tls.saved || exportOp.busy} onClick={() => void doExport()}>
          Export CA
        </button>
        <ConfirmButton
          label="Delete certificate"
          question="Delete the certificate and its key? The server goes back to http."
          groupLabel="Delete the certificate?"
          confirmLabel="Delete"
          keepLabel="Keep it"
          disabled={!tls.saved || remove.busy}
          onConfirm={() => void remove.run(() => api.deleteTls(), 'Certificate and key deleted')}
        />
      </div>
      <OpStatus op={generate.error || generate.done ? generate : exportOp.error || exportOp.done ? exportOp : remove} />
      {ca && (
        <div className="ca">
          {ca.path && (
            <p className="small">
              CA file: <span className="mono break">{ca.path}</span>. The JavaScript SDK takes it as <code>NODE_EXTRA_CA_CERTS</code>, the Go SDK v1 as <code>AWS_CA_BUNDLE</code>.
            </p>
          )}
          <pre className="pem" tabIndex={0} aria-label="CA certificate (PEM)" data-testid="ca-pem">
            {ca.pem}
          </pre>
          <div className="row">
            <button type="button" className="btn" onClick={() => void copy.run(() => copyText(ca.pem), 'Certificate copied')}>
              Copy certificate
            </button>
            <button type="button" className="btn ghost" onClick={() => setCa(undefined)}>
              Hide
            </button>
          </div>
          <OpStatus op={copy} />
        </div>
      )}
      <PastePair api={api} />
    </div>
  );
}
