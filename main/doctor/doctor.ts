import { readFile } from 'node:fs/promises';
import { roletrayProfileNames } from '../profiles/aws-config-block';
import { awsFileFindings } from './aws-files';
import { clockFindings } from './clock';
import { endpointFindings } from './endpoint';
import { environmentFindings } from './environment';
import type { DoctorContext, Finding } from './finding';

export type { DoctorContext, Finding };

/** Every check, in the order a person fixes them: the environment, the AWS files, the endpoint, the clock. */
export async function diagnose(ctx: DoctorContext): Promise<Finding[]> {
  const config = await readFile(ctx.configFile, 'utf8').catch(() => '');
  const ours = roletrayProfileNames(config);
  return [
    ...environmentFindings(ctx.env, ours),
    ...(await awsFileFindings(ctx.env, ctx, ours)),
    ...(await endpointFindings(ctx)),
    ...(await clockFindings(ctx.ssoEndpoints, ctx.now)),
  ];
}

/** The IAM Identity Center portal of a region, as the SDK resolves it (AWS_ENDPOINT_URL_SSO redirects it). */
export function ssoPortal(region: string, env: NodeJS.ProcessEnv): string {
  return env.AWS_ENDPOINT_URL_SSO || env.AWS_ENDPOINT_URL || `https://portal.sso.${region}.amazonaws.com`;
}

/** The findings as a person reads them. */
export function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `✗ ${f.problem}\n  fix: ${f.fix}\n`).join('');
}
