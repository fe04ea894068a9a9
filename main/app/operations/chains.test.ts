import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../preload/api';
import { startCore, type Harness } from '../../../test-support/app-core-harness';
import { startSsoStandin } from '../../../test-support/sso-standin';
import { ssoRoleArn, startStsStandin, type StsStandin } from '../../../test-support/sts-standin';

/** Chains from a role of a role list still being fetched: the real core and SDK against the IAM Identity Center and STS stand-ins. */

const DEPLOY = 'arn:aws:iam::222222222222:role/Deploy';

let h: Harness | undefined;
let sts: StsStandin | undefined;
afterEach(async () => {
  await h?.close();
  await sts?.close();
  await h?.standin.close();
  h = sts = undefined;
});

function failure<T>(r: Result<T>): string {
  if (r.ok) throw new Error('the operation succeeded');
  return r.error;
}

/** A core signed in to nothing yet, with a role list of 80 accounts at 20 ms a request, and STS trusting its last account's role. */
async function slowList() {
  const sso = await startSsoStandin({ accounts: 80, rolesPerAccount: 1, latencyMs: 20, interval: 1 });
  sts = await startStsStandin({ ssoStandins: [sso] });
  h = await startCore({ standinInstance: sso, stsEndpoint: sts.url });
  const last = sso.accounts.at(-1)!;
  sts.addRole({ arn: DEPLOY, trusts: [ssoRoleArn(last.accountId, last.roles[0]!)] });
  return { h, sso, via: `${last.accountId}:${last.roles[0]}` };
}

describe('a chain from a role whose first role list is still coming', () => {
  it('loads once the list is in, instead of saying there is no such profile', async () => {
    const { h, sso, via } = await slowList();
    await h.core.ops.signIn({ startUrl: sso.startUrl, region: sso.region });
    // Signed in, the list under way and without the last account's role yet: what `roletray login` returns on.
    const during = await h.until((s) => s.sso[0]?.signedIn === true && s.sso[0].catalogueProgress !== undefined);
    expect(during.sso[0]!.roleCount).toBeLessThan(80);

    const loaded = await h.core.ops.loadAssumed({ definition: { profileName: 'deploy', roleArn: DEPLOY, via }, slotted: true });
    expect(loaded).toEqual({ ok: true, value: { slot: 'deploy', profileName: 'deploy' } });
    expect(h.core.state().sso[0]!.roleCount).toBe(80);
    expect(sts!.calls.filter((c) => c.action === 'AssumeRole').map((c) => c.params.RoleArn)).toEqual([DEPLOY]);
  });

  it('says to sign in first when the source is not found and no role list is in', async () => {
    const { h, via } = await slowList();
    const refused = await h.core.ops.loadAssumed({ definition: { profileName: 'deploy', roleArn: DEPLOY, via } });
    expect(failure(refused)).toMatch(
      new RegExp(`^Profile deploy is assumed from ${via} \\(its source_profile\\), but there is no profile ${via}: .*Not every IAM Identity Center role list is in yet: if ${via} is one of its roles, sign in to IAM Identity Center first, then try again$`),
    );
    // A saved chain waiting for its sign-in shows the same reason beside it.
    expect(await h.core.ops.saveChain({ profileName: 'deploy', roleArn: DEPLOY, via })).toEqual({ ok: true, value: undefined });
    expect(h.core.state().chains.find((c) => c.profileName === 'deploy')?.problem).toMatch(/sign in to IAM Identity Center first, then try again$/);
    expect(sts!.calls.filter((c) => c.action === 'AssumeRole')).toEqual([]);
  });
});
