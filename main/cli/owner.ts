import type { Arg, OperationName, Ret } from '../../preload/api';
import { connectControl, type ControlClient } from '../control/control-client';
import { ownerLabel } from '../control/control-protocol';
import { ControlServer, OwnerRunningError } from '../control/control-server';
import { controlPath } from '../control/socket-path';
import { CliError } from './io';

export const NOT_RUNNING = 'RoleTray is not running: start the app or `roletray serve`';

/** The running owner (the app or `roletray serve`) of `configDir`, if there is one. */
export async function findOwner(configDir: string): Promise<ControlClient | undefined> {
  const probe = await connectControl(controlPath(configDir));
  return probe.state === 'owner' ? probe.client : undefined;
}

/** The owner, for the commands that need a running server; else the words that say so, and `orElse`: what else the command can do. */
export async function requireOwner(configDir: string, orElse = ', or give --server HOST:PORT for another server'): Promise<ControlClient> {
  const owner = await findOwner(configDir);
  if (owner && owner.owner.kind !== 'cli') return owner;
  owner?.close();
  const busy = owner ? ` (${ownerLabel(owner.owner)} is using ${configDir})` : '';
  throw new CliError(`${NOT_RUNNING}${busy}${orElse}`);
}

/** An operation's value, or its error as the command's one-line reason. */
export async function must<K extends OperationName>(owner: ControlClient, op: K, ...arg: Arg<K> extends void ? [] : [Arg<K>]): Promise<Ret<K>> {
  const result = await owner.call(op, ...arg);
  if (!result.ok) throw new CliError(result.error);
  return result.value;
}

/** Where a configuration command works: through the running owner, or on the directory itself, held for this command alone. */
export type Workplace = { owner: ControlClient; held?: undefined } | { owner?: undefined; held: ControlServer };

/**
 * For `login`, `roles`, `auth` and `ssl`: the owner when one runs, so the change applies live;
 * otherwise the directory, held the way an owner holds it, so that no app or `serve` starts on it
 * halfway (they wait a moment, then say who holds it).
 */
export async function ownerOrDirectory(configDir: string, command: string): Promise<Workplace> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const owner = await findOwner(configDir);
    if (owner && owner.owner.kind !== 'cli') return { owner };
    owner?.close();
    try {
      return { held: await ControlServer.claim(configDir, { kind: 'cli', command, advice: 'Try again when it ends.' }) };
    } catch (err) {
      // An app or `serve` started meanwhile: go through it.
      if (!(err instanceof OwnerRunningError) || err.owner.kind === 'cli') throw err;
    }
  }
  throw new CliError(`the owner of ${configDir} keeps changing; try again`);
}

/** Runs `work` in the workplace, letting go of it afterwards, failed or not. */
export async function withWorkplace<T>(configDir: string, command: string, work: (place: Workplace) => Promise<T>): Promise<T> {
  const place = await ownerOrDirectory(configDir, command);
  try {
    return await work(place);
  } finally {
    place.owner?.close();
    await place.held?.close();
  }
}
