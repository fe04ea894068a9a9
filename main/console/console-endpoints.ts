import { partitionOf } from '../credentials/slots';

export interface ConsoleEndpoints {
  /** The federation endpoint's base, e.g. https://signin.aws.amazon.com (no trailing slash). */
  signin: string;
  /** Where the console opens after sign-in. */
  destination: string;
}

const HOSTS: Record<string, { signin: string; console: string }> = {
  aws: { signin: 'signin.aws.amazon.com', console: 'console.aws.amazon.com' },
  'aws-us-gov': { signin: 'signin.amazonaws-us-gov.com', console: 'console.amazonaws-us-gov.com' },
  'aws-cn': { signin: 'signin.amazonaws.cn', console: 'console.amazonaws.cn' },
};

/**
 * The sign-in and console hosts of a partition. Each partition has its own federation endpoint:
 * credentials of one are refused by another's. The partition comes from the region when one is
 * given (us-gov-*, cn-*), else from the role's ARN.
 */
export function consoleEndpoints(region?: string, arnPartition?: string): ConsoleEndpoints {
  const partition = region ? partitionOf(region) : (arnPartition ?? 'aws');
  const hosts = HOSTS[partition] ?? HOSTS.aws!;
  return {
    signin: `https://${hosts.signin}`,
    destination: region ? `https://${region}.${hosts.console}/console/home?region=${region}` : `https://${hosts.console}/`,
  };
}

/** The partition named in an ARN (`arn:<partition>:...`), if it is one. */
export function partitionOfArn(arn: unknown): string | undefined {
  return typeof arn === 'string' ? /^arn:(aws[\w-]*):/.exec(arn)?.[1] : undefined;
}
