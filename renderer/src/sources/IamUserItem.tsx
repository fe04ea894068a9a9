import type { IamUserView, RoleTrayApi } from '../../../preload/api';
import { formatCountdown } from '../../../common/time-format';
import { useAssumeFrom } from '../chains/AssumeFrom';
import { ConfirmButton } from '../ui/ConfirmButton';
import { OpStatus } from '../ui/OpStatus';
import { formatClock } from '../ui/time';
import { useOperation } from '../ui/use-operation';
import { useProfileLoad } from './use-profile-load';
import { useProfilePin } from './use-profile-pin';

/** One IAM user: its key (hinted, never whole), MFA device and cached session; loading it, pinning it to the tray, chaining from it, rotating its key, removing it. */
export function IamUserItem({ api, user, now, pinned }: { api: RoleTrayApi; user: IamUserView; now: number; pinned: boolean }) {
  const { op: loadOp, load } = useProfileLoad(api);
  const pin = useProfilePin(api);
  const remove = useOperation();
  const rotate = useOperation();
  const assume = useAssumeFrom(api, false);
  const session = user.sessionExpiresAt !== undefined && user.sessionExpiresAt > now ? user.sessionExpiresAt : undefined;
  return (
    <article aria-label={`IAM user ${user.name}`}>
      <div className="row">
        <span className="source-name mono">{user.name}</span>
        <span className="badge neutral mono" data-testid="access-key-hint">
          {user.accessKeyHint}
        </span>
        {pinned && <span className="badge info">Pinned</span>}
        <span className="grow" />
        <button type="button" className="btn primary" disabled={loadOp.busy} onClick={() => void load(user.name)} aria-label={`Load ${user.name}`}>
          Load
        </button>
        <button type="button" className="btn" disabled={pin.op.busy} onClick={() => void pin.toggle(user.name, pinned)} aria-pressed={pinned} aria-label={pinned ? `Unpin ${user.name} from the tray` : `Pin ${user.name} to the tray`}>
          {pinned ? 'Unpin' : 'Pin'}
        </button>
        <button type="button" className="btn" onClick={() => assume.open(user.name)} aria-label={`Assume a role from ${user.name}…`}>
          Assume from it…
        </button>
        <ConfirmButton
          label={rotate.busy ? 'Rotating…' : 'Rotate key…'}
          question={`Rotate ${user.name}'s access key? IAM makes a new key, RoleTray keeps it, then deletes ${user.accessKeyHint}: anything else still using ${user.accessKeyHint} stops working.`}
          groupLabel={`Rotate ${user.name}'s access key?`}
          confirmLabel="Rotate"
          keepLabel="Keep it"
          className="btn"
          disabled={rotate.busy}
          onConfirm={() => void rotate.run(() => api.rotateIamUser(user.name), (v) => `Rotated: ${v.accessKeyHint} replaces ${v.replacedKeyHint} (deleted)`)}
        />
        <ConfirmButton
          label="Remove"
          question={`Remove ${user.name}? RoleTray forgets its access keys; chains from it stop loading.`}
          groupLabel={`Remove ${user.name}?`}
          confirmLabel="Remove"
          keepLabel="Keep it"
          disabled={remove.busy}
          onConfirm={() => void remove.run(() => api.removeIamUser(user.name), `Removed the IAM user ${user.name}`)}
        />
      </div>
      <dl className="facts small">
        <dt>MFA device</dt>
        <dd className="mono break">{user.mfaSerial ?? 'none'}</dd>
        {user.region && (
          <>
            <dt>Region</dt>
            <dd className="mono">{user.region}</dd>
          </>
        )}
        <dt>Session</dt>
        <dd data-testid="iam-session">{session ? `cached until ${formatClock(session)} (${formatCountdown(session - now)} left)` : 'none cached'}</dd>
      </dl>
      <OpStatus op={loadOp} />
      <OpStatus op={pin.op} />
      <OpStatus op={rotate} />
      <OpStatus op={remove} />
      {assume.view}
    </article>
  );
}
