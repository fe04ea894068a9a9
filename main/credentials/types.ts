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

/** Where a slot's credentials came from: pushed over the API, or fetched from IAM Identity Center. */
export type SlotSource = 'pushed' | 'sso';

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
}

