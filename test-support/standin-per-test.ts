import { afterAll, afterEach, beforeAll } from 'vitest';
import { isolateAwsEnvironment, startSsoStandin, type SsoStandin, type StandinOptions } from './sso-standin';

/**
 * For a test file of real SDK clients against the IAM Identity Center stand-in: the process's AWS
 * environment isolated for the file, and a fresh stand-in per test, closed after it.
 */
export function standinPerTest(): (options?: StandinOptions) => Promise<SsoStandin> {
  let restoreEnv: () => void = () => undefined;
  let current: SsoStandin | undefined;
  beforeAll(() => {
    restoreEnv = isolateAwsEnvironment();
  });
  afterAll(() => restoreEnv());
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (options) => (current = await startSsoStandin(options));
}
