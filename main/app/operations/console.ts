import { UserError } from '../../../common/user-error';
import { consoleSigninUrl } from '../../console/signin-url';
import { partitionOf } from '../../credentials/slots';
import type { CoreParts } from '../core-types';
import type { OperationHandlers } from '../ipc-door';
import type { Attempt } from './attempt';
import { catalogueRole } from './catalogue-role';

type ConsoleOperations = Pick<OperationHandlers, 'openConsole' | 'openExternal'>;

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
          creds = slot.credentials;
          region = slot.role?.region;
        } else {
          const { role, instance } = catalogueRole(p, target.roleKey);
          creds = await (await p.sso()).fetchRole({ ...role, region: instance.region });
          region = instance.region;
        }
        // The IAM Identity Center region decides the partition (aws, aws-us-gov, aws-cn), not where the console opens.
        const url = await consoleSigninUrl(creds, { partition: partitionOf(region), ...(p.deps.federationUrl ? { federationUrl: p.deps.federationUrl } : {}) });
        await p.deps.openExternal(url);
      }),
  };
}
