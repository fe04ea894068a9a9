import { readFile } from 'node:fs/promises';
import { awsCredentialsPath } from '../../profiles/aws-config-file';
import { awsConfigPath } from '../../sso/aws-config-import';
import type { CoreParts } from '../core-types';
import type { OperationHandlers } from '../ipc-door';
import type { Attempt } from './attempt';

type DoctorOperations = Pick<OperationHandlers, 'runDoctor'>;

/** The Server screen's check: `roletray doctor` for the environment programs started from the desktop inherit. */
export function doctorOperations(p: CoreParts, attempt: Attempt): DoctorOperations {
  return {
    runDoctor: () =>
      attempt(async () => {
        // Loaded when asked for: the checks bring node:https and DNS, which a start does without.
        const { diagnose, ssoPortal } = await import('../../doctor/doctor');
        const env = p.deps.env ?? {};
        const status = p.service.server.status();
        const settings = p.deps.settings.get();
        const ca = status.https ? await readFile(p.caFile, 'utf8').catch(() => undefined) : undefined;
        return diagnose({
          env,
          configFile: p.deps.awsConfigFile ?? awsConfigPath(env),
          credentialsFile: awsCredentialsPath(env),
          server: { ...(status.url ? { url: status.url } : {}), port: status.port ?? settings.port },
          ...(ca ? { ca } : {}),
          ssoEndpoints: settings.ssoInstances.map((i) => p.deps.ssoEndpoint ?? ssoPortal(i.region, env)),
          now: p.now,
        });
      }),
  };
}
