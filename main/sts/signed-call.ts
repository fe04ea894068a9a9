// One AWS SDK call signed with the keys it is given, as the STS and IAM calls make them: a client
// made for the call and destroyed after it, and a failure sorted into what the caller words.
import { isTransient } from '../sso/errors';

/** How a call failed: the service did not answer, or it refused, with its code and its own reason. */
export type CallFailure = { kind: 'unanswered' } | { kind: 'refused'; code: string; reason: string };

/** The SDK's credentials for `keys`: only the keys, since a derived slot's credentials carry more (an expiration in ms) that the SDK would misread. */
export function sdkCredentials(keys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  return { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey, ...(keys.sessionToken ? { sessionToken: keys.sessionToken } : {}) };
}

/** Runs `call` on `client` and destroys it; an unanswered or refused call is thrown as `explain` words it, anything else as it came. */
export async function signedCall<C extends { destroy(): void }, T>(client: C, call: (client: C) => Promise<T>, explain: (failure: CallFailure, err: unknown) => Error): Promise<T> {
  try {
    return await call(client);
  } catch (err) {
    if (isTransient(err)) throw explain({ kind: 'unanswered' }, err);
    const e = err as { name?: string; message?: string; $fault?: string } | null;
    if (e?.$fault === 'client') {
      const code = e.name ?? 'Error';
      throw explain({ kind: 'refused', code, reason: e.message ?? code }, err);
    }
    throw err instanceof Error ? err : new Error(String(err));
  } finally {
    client.destroy();
  }
}
