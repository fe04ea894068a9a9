import { useState, type FormEvent } from 'react';
import type { AppState, RoleTrayApi } from '../../../preload/api';
import { copyText } from '../ui/clipboard';
import { EnvLines } from '../ui/EnvLines';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';

/**
 * Containers reach the host only over https (every SDK refuses plain http to a non-loopback name),
 * so the extra listen address is in effect only while TLS and the token are both on.
 */
export function ContainersPanel({ api, state }: { api: RoleTrayApi; state: AppState }) {
  const access = state.settings.containerAccess;
  const [address, setAddress] = useState(access.address);
  const save = useOperation();
  const copy = useOperation();
  const [lines, setLines] = useState<string[]>();
  const inEffect = state.server.addresses.includes(access.address) && access.enabled;

  const toggle = () =>
    void save.run(() => api.updateSettings({ containerAccess: { ...access, enabled: !access.enabled } }), (s) => (s.containerAccess.enabled ? 'Container access on' : 'Container access off'));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run(() => api.updateSettings({ containerAccess: { ...access, address: address.trim() } }), (s) => `Containers use ${s.containerAccess.address}`);
  };
  const copyLines = async () => {
    const fetched = await copy.run(() => api.envLines({ shell: 'sh', container: true, revealToken: true }));
    if (!fetched.ok) return;
    setLines(fetched.value);
    await copy.run(() => copyText(`${fetched.value.join('\n')}\n`), 'Copied the container lines (with the token)');
  };

  return (
    <div className="card" aria-labelledby="containers-title">
      <h2 id="containers-title">Containers</h2>
      <p className="small muted">
        Lets containers on this machine use RoleTray at <span className="mono">https://host.docker.internal:{state.server.port ?? state.settings.port}/</span> by also
        listening on the Docker bridge address. It needs TLS and a bearer token; run containers with{' '}
        <span className="mono">--add-host=host.docker.internal:host-gateway</span> and the CA file mounted.
      </p>
      <div className="row">
        <label className="switch">
          <input type="checkbox" role="switch" checked={access.enabled} onChange={toggle} disabled={save.busy} />
          Allow containers
        </label>
        <span className={`badge ${inEffect ? 'ok' : 'neutral'}`}>{inEffect ? `listening on ${access.address}` : access.enabled ? 'waiting for TLS and a token' : 'off'}</span>
      </div>
      <form className="row" onSubmit={submit}>
        <label htmlFor="container-address">Bridge address</label>
        <input id="container-address" className="input narrow mono" value={address} onChange={(e) => setAddress(e.target.value)} />
        <button type="submit" className="btn" disabled={save.busy || address.trim() === access.address}>
          Save
        </button>
      </form>
      <OpStatus op={save} />
      <div className="row">
        <button type="button" className="btn" disabled={!inEffect || copy.busy} onClick={() => void copyLines()}>
          Copy container env
        </button>
      </div>
      <OpStatus op={copy} />
      {lines && (
        <EnvLines aria-label="Container lines" lines={lines} />
      )}
    </div>
  );
}
