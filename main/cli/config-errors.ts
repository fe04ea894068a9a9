import { SecretsUnavailableError, SecretUnreadableError } from '../secrets/file-secret-store';
import { SettingsError } from '../settings/settings-store';
import { TlsError } from '../tls/tls-service';
import { TokenError } from '../token/token-service';
import { CliError } from './io';

/** Runs a configuration change, turning the refusals people can act on into one-line CLI errors. */
export async function asCliErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const known = [TokenError, TlsError, SettingsError, SecretsUnavailableError, SecretUnreadableError];
    if (known.some((type) => err instanceof type)) throw new CliError((err as Error).message);
    throw err;
  }
}
