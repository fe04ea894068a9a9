/** Temporary role credentials as RoleTray keeps them. `expiration` is epoch milliseconds. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: number;
  /** Always a 12-digit string. */
  accountId: string;
  roleName: string;
}

/**
 * Where a slot's credentials came from: pushed over the API, fetched from IAM Identity Center,
 * assumed through STS from a source, or an IAM user's session (GetSessionToken).
 */
export type SlotSource = 'pushed' | 'sso' | 'assumed' | 'iam-user';

/** One sts:AssumeRole step, with the AWS CLI's parameters. */
export interface AssumeHop {
  /** The profile this step is (a RoleTray chain, an ~/.aws/config profile, or the name it was loaded as). */
  profileName: string;
  roleArn: string;
  roleSessionName?: string;
  externalId?: string;
  durationSeconds?: number;
  mfaSerial?: string;
  /** ~/.aws/config's mfa_process: a command whose output is the code. */
  mfaProcess?: string;
  sourceIdentity?: string;
  region?: string;
}

/** Where a chain starts: an IAM Identity Center role, or an IAM user's long-term keys (by its RoleTray name). */
export type ChainRoot = { kind: 'sso'; profileName: string; role: RoleRef } | { kind: 'iam-user'; user: string };

/**
 * Everything needed to make an 'assumed' or 'iam-user' slot's credentials again, kept in the slot,
 * so a refresh does not depend on the definitions still being there as they were.
 */
export interface Derivation {
  root: ChainRoot;
  /** From the root outwards; none for an IAM user's own session. */
  hops: AssumeHop[];
}

/** The role a slot was loaded from, so it can be refreshed. */
export interface RoleRef {
  startUrl: string;
  region: string;
  accountId: string;
  roleName: string;
}

export interface LoadRequest {
  profileName: string;
  credentials: Credentials;
  source?: SlotSource;
  role?: RoleRef;
  /** For 'assumed' and 'iam-user' slots. */
  derivation?: Derivation;
  /** The ARN served as RoleArn when it is not a role of the slot's account and name (an IAM user's). */
  arn?: string;
}

