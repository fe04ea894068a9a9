import { SETTINGS_VERSION } from './schema';

type Data = Record<string, unknown>;

/**
 * Steps from each stored version to the next. Version 0 is an unversioned file using the
 * seeds' CLI names (`disableSsl`, `bearerTokenFile`); keeping a person's choices across that
 * rename is the point of the step. Version 1 served without a token unless one was set, and
 * offered no way to choose that: serving token-less was a default, never a person's choice, so
 * version 2 turns the token on (`auth: 'token'`); the next start generates one and says where
 * it is. Choosing `none` is now explicit. Version 3 adds chained roles and IAM users, none yet.
 */
const STEPS: Record<number, (data: Data) => Data> = {
  0: ({ disableSsl, bearerTokenFile, ...rest }) => ({
    ...rest,
    ...(disableSsl !== undefined && rest.tlsDisabled === undefined ? { tlsDisabled: disableSsl } : {}),
    ...(bearerTokenFile !== undefined && rest.tokenFile === undefined ? { tokenFile: bearerTokenFile } : {}),
    version: 1,
  }),
  1: (data) => ({ ...data, auth: 'token', version: 2 }),
  2: (data) => ({ ...data, chains: [], iamUsers: [], version: 3 }),
};

export type Migration = { ok: true; data: Data; from: number } | { ok: false; problem: string };

export function migrate(data: Data): Migration {
  const from = data.version === undefined ? 0 : data.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) return { ok: false, problem: `version must be a whole number, not ${JSON.stringify(from)}` };
  if (from > SETTINGS_VERSION) {
    return { ok: false, problem: `these settings were written by a newer RoleTray (version ${from}; this one understands up to ${SETTINGS_VERSION})` };
  }
  let current = data;
  for (let v = from; v < SETTINGS_VERSION; v++) {
    const step = STEPS[v];
    if (!step) return { ok: false, problem: `no migration from settings version ${v}` };
    current = step(current);
  }
  return { ok: true, data: current, from };
}
