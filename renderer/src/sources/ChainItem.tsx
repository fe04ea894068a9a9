import type { ChainView, RoleTrayApi } from '../../../preload/api';
import { useAssumeFrom } from '../chains/AssumeFrom';
import { ConfirmButton } from '../ui/ConfirmButton';
import { OpStatus } from '../ui/OpStatus';
import { useOperation } from '../ui/use-operation';
import { useProfileLoad } from './use-profile-load';
import { useProfilePin } from './use-profile-pin';

/** One chained profile: the role it assumes and from what, why it cannot load (if so), and loading, pinning to the tray, chaining from or removing it. */
export function ChainItem({ api, chain, pinned }: { api: RoleTrayApi; chain: ChainView; pinned: boolean }) {
  const { op: loadOp, load } = useProfileLoad(api);
  const pin = useProfilePin(api);
  const remove = useOperation();
  const assume = useAssumeFrom(api, true);
  const name = chain.profileName;
  const settings = [
    chain.externalId && `external ID ${chain.externalId}`,
    chain.roleSessionName && `session name ${chain.roleSessionName}`,
    chain.durationSeconds && `${chain.durationSeconds} s`,
    chain.mfaSerial && `MFA ${chain.mfaSerial}`,
    chain.sourceIdentity && `source identity ${chain.sourceIdentity}`,
    chain.region,
  ].filter(Boolean);
  return (
    <article aria-label={`Chain ${name}`}>
      <div className="row">
        <span className="source-name mono">{name}</span>
        {pinned && <span className="badge info">Pinned</span>}
        <span className="grow" />
        <button type="button" className="btn primary" disabled={loadOp.busy || chain.problem !== undefined} onClick={() => void load(name)} aria-label={`Load ${name}`}>
          Load
        </button>
        <button type="button" className="btn" disabled={loadOp.busy || chain.problem !== undefined} onClick={() => void load(name, { slotted: true })} aria-label={`Load ${name} into its own slot`}>
          Into its own slot
        </button>
        <button type="button" className="btn" disabled={pin.op.busy} onClick={() => void pin.toggle(name, pinned)} aria-pressed={pinned} aria-label={pinned ? `Unpin ${name} from the tray` : `Pin ${name} to the tray`}>
          {pinned ? 'Unpin' : 'Pin'}
        </button>
        <button type="button" className="btn" disabled={chain.problem !== undefined} onClick={() => assume.open(name)} aria-label={`Assume a role from ${name}…`}>
          Assume from it…
        </button>
        {chain.origin === 'roletray' && (
          <ConfirmButton
            label="Remove"
            question={`Remove the chain ${name}? A slot loaded from it stays until it expires.`}
            groupLabel={`Remove ${name}?`}
            confirmLabel="Remove"
            keepLabel="Keep it"
            disabled={remove.busy}
            onConfirm={() => void remove.run(() => api.removeChain(name), `Removed the chain ${name}`)}
          />
        )}
      </div>
      <p className="small break" data-testid="chain-role">
        <span className="mono">{chain.roleArn}</span> <span className="muted">from</span> <span className="mono">{chain.via}</span>
        {settings.length > 0 && <span className="muted"> · {settings.join(' · ')}</span>}
      </p>
      {chain.problem && (
        <p className="warn-text small chain-problem" data-testid="chain-problem">
          <strong>Cannot load.</strong> {chain.problem}
        </p>
      )}
      <OpStatus op={loadOp} />
      <OpStatus op={pin.op} />
      <OpStatus op={remove} />
      {assume.view}
    </article>
  );
}
