import { randomBytes } from 'node:crypto';

let counter = 0;

/** A distinct, realistic-looking set of role credentials (each call differs, so answers can be told apart). */
export function makeCreds(overrides: Partial<Record<string, unknown>> = {}, now = Date.now()) {
  counter += 1;
  return {
    accountId: '012345678901',
    roleName: 'Admin',
    accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(96).toString('base64').replace(/[+/=]/g, 'x')}${counter}`,
    expiration: now + 3_600_000,
    ...overrides,
  };
}

export function putBody(profileName: string | undefined, creds = makeCreds()) {
  return profileName === undefined ? { Creds: creds } : { ProfileName: profileName, Creds: creds };
}
