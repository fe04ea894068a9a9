import type { RotatedKey } from '../../preload/api';
import { describeError, UserError } from '../../common/user-error';
import { IamRefusedError, StsRefusedError } from './errors';
import { MfaNotEnteredError } from './mfa-prompts';
import type { IamCalls } from './iam-calls';
import { accessKeyHint, DEFAULT_STS_REGION, type IamUsers } from './iam-users';
import type { AwsKeys, StsCalls, StsSession } from './sts-calls';

/** A new IAM key takes seconds to work everywhere: it is tried this many times, this far apart (about 10 s), before it counts as not working. */
export const USABLE_TRIES = 8;
export const USABLE_WAIT_MS = 1500;

export interface KeyRotationDeps {
  users: IamUsers;
  sts: () => Promise<StsCalls>;
  iam: () => Promise<IamCalls>;
  /** MFA'd sessions, asking for a code when one is needed (the Deriver's). */
  sessions: {
    mfaSession(name: string, purpose: string): Promise<StsSession>;
  };
  sleep: (ms: number) => Promise<void>;
}

/** A key IAM or STS does not know (yet): what a new key answers until IAM has spread it. */
const unknownKey = (err: unknown) => (err instanceof StsRefusedError || err instanceof IamRefusedError) && err.code === 'InvalidClientTokenId';
const reasonOf = (err: unknown) => (err instanceof UserError ? err.message : describeError(err));

/**
 * Rotates an IAM user's access key as `aws-vault rotate` does: CreateAccessKey for the calling
 * user, with its key (or, with an MFA device, its MFA'd session, since IAM refuses sessions without
 * MFA), a check that the new key works (GetCallerIdentity), the new key stored in place of the old
 * one, then DeleteAccessKey of the old key, signed with the new key, or for a user with an MFA device
 * with the MFA'd session that made it. That asks one code, not a second for a session of the new key:
 * a second code typed within the first one's 30 s is refused by STS, and aws-vault's rotate is then
 * left with both keys (aws-vault#1110). The next load makes the new key's session. Until the new key
 * is stored, any failure deletes it again and leaves the old key in use; after, the new key stays in
 * use and a failed delete says which key to delete by hand. One rotation per user at a time.
 */
export class KeyRotation {
  private readonly running = new Set<string>();

  constructor(private readonly deps: KeyRotationDeps) {}

  async rotate(name: string): Promise<RotatedKey> {
    // Two at once would make two new keys, and each would delete the key the other stored.
    if (this.running.has(name)) throw new UserError(`${name}'s access key is already being rotated; wait for that to end`);
    this.running.add(name);
    try {
      return await this.run(name);
    } finally {
      this.running.delete(name);
    }
  }

  private async run(name: string): Promise<RotatedKey> {
    const user = this.deps.users.get(name);
    if (!user) throw new UserError(`There is no IAM user ${name} in RoleTray (see roletray iam list)`);
    const iamName = user.arn.slice(user.arn.lastIndexOf('/') + 1);
    const byHand = (accessKeyId: string) => `delete it in the IAM console or with aws iam delete-access-key --user-name ${iamName} --access-key-id ${accessKeyId}`;
    const old = await this.deps.users.keys(name);
    const oldHint = accessKeyHint(old.accessKeyId);
    const iam = await this.deps.iam();
    const signer = user.mfaSerial
      ? await this.deps.sessions.mfaSession(name, `to rotate ${name}'s access key ${oldHint}`).catch((err: unknown) => {
          if (err instanceof MfaNotEnteredError) throw new UserError(`The MFA code for ${name} was not entered (cancelled); no new access key was made and nothing was changed`);
          throw err;
        })
      : old;

    let created: AwsKeys;
    try {
      created = await iam.createAccessKey(signer);
    } catch (err) {
      if (err instanceof IamRefusedError && err.code === 'LimitExceeded') {
        throw new UserError(
          `${name} already has two access keys, the most IAM allows, so no new one was made; nothing was changed. Delete the unused one (not ${oldHint}, which RoleTray uses) in the IAM console or with aws iam delete-access-key --user-name ${iamName} --access-key-id ID (aws iam list-access-keys --user-name ${iamName} lists both), then rotate again`,
        );
      }
      if (err instanceof IamRefusedError && err.code === 'AccessDenied') {
        throw new UserError(`IAM refused to make a new access key for ${name}: its policies must allow iam:CreateAccessKey on itself (${user.arn}); nothing was changed (IAM: ${err.reason})`);
      }
      if (unknownKey(err)) {
        throw new UserError(`IAM does not accept ${name}'s access key ${oldHint} (${reasonOf(err)}); nothing was changed. If the key was deleted or deactivated, remove ${name} and add it again with a working key`);
      }
      throw new UserError(`No new access key was made for ${name} (${reasonOf(err)}); nothing was changed`);
    }
    const newKey = created;
    const newHint = accessKeyHint(newKey.accessKeyId);

    // Until it is stored, a failure takes the new key back: the user is left with the one key RoleTray uses.
    const undo = async (why: string): Promise<never> => {
      const deleted = await iam.deleteAccessKey(signer, newKey.accessKeyId).then(
        () => true,
        () => false,
      );
      throw new UserError(`${why}; RoleTray keeps using ${oldHint}, ${deleted ? `and the new key ${newHint} was deleted again` : `but the new key ${newKey.accessKeyId} could not be deleted again: ${byHand(newKey.accessKeyId)}`}`);
    };
    try {
      await this.untilKnown(async () => (await this.deps.sts()).callerIdentity(newKey, user.region ?? DEFAULT_STS_REGION));
    } catch (err) {
      return undo(`The new access key ${newHint} did not work within ${Math.round(((USABLE_TRIES - 1) * USABLE_WAIT_MS) / 1000)} s (${reasonOf(err)})`);
    }
    try {
      await this.deps.users.replaceKeys(name, newKey);
    } catch (err) {
      return undo(`The new access key ${newHint} could not be stored (${reasonOf(err)})`);
    }

    try {
      const deleter = user.mfaSerial ? signer : newKey;
      await this.untilKnown(() => iam.deleteAccessKey(deleter, old.accessKeyId)).catch((err: unknown) => {
        // Already deleted (in the console, say): what was asked is done.
        if (!(err instanceof IamRefusedError && err.code === 'NoSuchEntity')) throw err;
      });
    } catch (err) {
      const why = err instanceof IamRefusedError && err.code === 'AccessDenied' ? `IAM refused: its policies must allow iam:DeleteAccessKey on itself (${user.arn}) (IAM: ${err.reason})` : reasonOf(err);
      throw new UserError(`${name}'s new access key ${newHint} is stored and used from now on, but the old key ${old.accessKeyId} was not deleted (${why}): ${byHand(old.accessKeyId)}`);
    }
    return { name, accessKeyHint: newHint, replacedKeyHint: oldHint };
  }

  /** Runs `call` until IAM and STS know the key it is signed with, a bounded number of times. */
  private async untilKnown<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        if (!unknownKey(err) || attempt >= USABLE_TRIES) throw err;
        await this.deps.sleep(USABLE_WAIT_MS);
      }
    }
  }
}
