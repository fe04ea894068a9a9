import { useState, type FormEvent } from 'react';
import type { RoleTrayApi } from '../../../preload/api';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';

/** "Use my own certificate": a pasted PEM certificate and key, saved through main, which validates them. */
export function PastePair({ api }: { api: RoleTrayApi }) {
  const [cert, setCert] = useState('');
  const [key, setKey] = useState('');
  const save = useOperation();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await save.run(
      () => api.saveTls({ cert, key }),
      (v) => (v.warnings.length ? `Saved, with warnings: ${v.warnings.join('; ')}` : 'Saved; the server now serves https'),
    );
    // The key leaves the page once main has it.
    if (saved.ok) {
      setKey('');
      setCert('');
    }
  };
  return (
    <details className="paste-pair">
      <summary>Use my own certificate</summary>
      <form onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="tls-cert">Certificate (PEM)</label>
          <textarea id="tls-cert" className="input mono" rows={5} spellCheck={false} placeholder="-----BEGIN CERTIFICATE-----" value={cert} onChange={(e) => setCert(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="tls-key">Private key (PEM)</label>
          <textarea id="tls-key" className="input mono" rows={5} spellCheck={false} placeholder="-----BEGIN PRIVATE KEY-----" value={key} onChange={(e) => setKey(e.target.value)} />
        </div>
        <button type="submit" className="btn primary" disabled={!cert || !key || save.busy}>
          Save certificate and key
        </button>
        <OpStatus op={save} />
      </form>
    </details>
  );
}
