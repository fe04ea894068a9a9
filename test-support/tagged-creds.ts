import { randomBytes } from 'node:crypto';

/**
 * Credentials whose three secret parts all carry one random tag, so an answer that mixes two
 * loads (a torn read) can be told from a whole one.
 */
export function taggedCreds(expiration = Date.now() + 3_600_000) {
  const tag = randomBytes(8).toString('hex').toUpperCase();
  return {
    tag,
    creds: {
      accountId: '012345678901',
      roleName: 'Load',
      accessKeyId: `ASIA${tag}`,
      secretAccessKey: `${tag}.${randomBytes(24).toString('base64url')}`,
      sessionToken: `${tag}.${randomBytes(64).toString('base64url')}`,
      expiration,
    },
  };
}

/** The tag of a credentials answer, or undefined when its three parts come from different loads. */
export function tagOfAnswer(answer: { AccessKeyId?: unknown; SecretAccessKey?: unknown; Token?: unknown }): string | undefined {
  const { AccessKeyId: id, SecretAccessKey: secret, Token: token } = answer;
  if (typeof id !== 'string' || typeof secret !== 'string' || typeof token !== 'string' || !id.startsWith('ASIA')) return undefined;
  const tag = id.slice(4);
  return secret.startsWith(`${tag}.`) && token.startsWith(`${tag}.`) ? tag : undefined;
}
