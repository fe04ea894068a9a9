import type { SlotView } from '../../../preload/api';

const KIND: Record<Exclude<SlotView['source'], 'sso'>, string> = {
  pushed: 'Pushed by a client (PUT)',
  assumed: 'A chained role (sts:AssumeRole)',
  'iam-user': 'An IAM user (sts:GetSessionToken)',
};

/** Where the slot's credentials came from and, for a chained one, each step from the root to it. */
export function SlotSource({ slot, startUrl }: { slot: SlotView; startUrl: string | undefined }) {
  return (
    <>
      <dt>Source</dt>
      <dd className="break" data-testid="slot-source">
        {slot.source === 'sso' ? `IAM Identity Center${startUrl ? ` (${new URL(startUrl).host})` : ''}` : KIND[slot.source]}
      </dd>
      {slot.chain && slot.chain.length > 0 && (
        <>
          <dt>Chain</dt>
          <dd>
            <ol className="chain-steps" aria-label={`How ${slot.profileName} was reached`} data-testid="slot-chain">
              {slot.chain.map((step, i) => (
                <li key={i} className="mono">
                  {step}
                </li>
              ))}
            </ol>
          </dd>
        </>
      )}
    </>
  );
}
