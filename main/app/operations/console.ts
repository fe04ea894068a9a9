import { pathToFileURL } from 'node:url';
import { parseRoleArn } from '../../../common/sts-rules';
import { UserError } from '../../../common/user-error';
import { writeRedirectPage } from '../../console/redirect-page';
import { consoleSigninUrl } from '../../console/signin-url';
import { partitionOf } from '../../credentials/slots';
import type { CoreParts } from '../core-types';
import type { OperationHandlers } from '../ipc-door';
import type { Attempt } from './attempt';
import { catalogueRole } from './catalogue-role';

type ConsoleOperations = Pick<OperationHandlers, 'openConsole' | 'openExternal'>;

/** How long the redirect page stays: the browser reads it after the launcher returns, so not at once, but not for long. */
const PAGE_LIFETIME_MS = 60_000;

/** A chained slot's partition is its role ARN's (arn:aws-cn:…), whatever its root's region. */
function partitionOfSlot(p: CoreParts, name: string): string | undefined {
  const arn = p.service.slots.get(name)?.arn;
  return arn ? parseRoleArn(arn)?.partition : undefined;
}

/** Leaving the app for the browser: the AWS console signed in as a slot or role, and https links. */
export function consoleOperations(p: CoreParts, attempt: Attempt): ConsoleOperations {
  return {
    openExternal: (url) => attempt(() => p.deps.openExternal(url)),

    openConsole: (target) =>
      attempt(async () => {
        let creds: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
        let region: string | undefined;
        if ('slot' in target) {
          const slot = p.service.slots.servable(target.slot);
          if (!slot) throw new UserError(`No usable credentials in ${target.slot ? `slot "${target.slot}"` : 'the default slot'}`);
          if (slot.source === 'iam-user') {
            throw new UserError(
              `${slot.profileName} is an IAM user's session (GetSessionToken), which the AWS console sign-in refuses; assume a role from the user (roletray load --assume ROLE_ARN --via ${slot.profileName}) and open the console as that role`,
            );
          }
          creds = slot.credentials;
          region = slot.role?.region ?? (slot.derivation?.root.kind === 'sso' ? slot.derivation.root.role.region : undefined);
        } else {
          const { role, instance } = catalogueRole(p, target.roleKey);
          creds = await (await p.sso()).fetchRole({ ...role, region: instance.region });
          region = instance.region;
        }
        // The IAM Identity Center region decides the partition (aws, aws-us-gov, aws-cn), not where the console opens.
        const partition = ('slot' in target && partitionOfSlot(p, target.slot)) || partitionOf(region);
        const url = await consoleSigninUrl(creds, { partition, ...(p.deps.federationUrl ? { federationUrl: p.deps.federationUrl } : {}) });
        // The sign-in URL works for anyone who has it: the browser is handed a 0600 page that redirects
        // to it, never the URL itself, which would be in the launcher's and the browser's arguments.
        const page = await writeRedirectPage(url);
        try {
          await p.deps.openExternal(pathToFileURL(page.path).href);
        } catch (err) {
          await page.remove();
          throw err;
        }
        setTimeout(() => void page.remove(), PAGE_LIFETIME_MS).unref();
      }),
  };
}
