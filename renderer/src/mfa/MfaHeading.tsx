import type { MfaPromptView } from '../../../preload/api';

/** What the code is for and which device it comes from, while the dialog waits and after it failed. */
export function MfaHeading({ prompt, ids }: { prompt: MfaPromptView; ids: { title: string; reason: string } }) {
  return (
    <>
      <h2 id={ids.title}>MFA code for {prompt.profileName}</h2>
      <p id={ids.reason}>RoleTray needs a code from your MFA device {prompt.reason}.</p>
      <dl className="facts">
        <dt>Device</dt>
        <dd className="mono break" data-testid="mfa-serial">
          {prompt.mfaSerial}
        </dd>
      </dl>
    </>
  );
}
