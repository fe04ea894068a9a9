import { UserError } from '../../../common/user-error';
import type { CoreParts } from '../core-types';
import type { OperationHandlers } from '../ipc-door';
import type { Attempt } from './attempt';

type ChainOperations = Pick<OperationHandlers, 'loadProfile' | 'loadAssumed' | 'saveChain' | 'removeChain' | 'addIamUser' | 'removeIamUser' | 'answerMfa' | 'cancelMfa'>;

const notYet = (what: string) => () => {
  throw new UserError(`${what} is not available yet`);
};

/** Roles chained through STS, IAM users and MFA prompts. */
export function chainOperations(_p: CoreParts, attempt: Attempt): ChainOperations {
  return {
    loadProfile: () => attempt(notYet('Loading chained profiles')),
    loadAssumed: () => attempt(notYet('Assuming a role')),
    saveChain: () => attempt(notYet('Saving a chain')),
    removeChain: () => attempt(notYet('Removing a chain')),
    addIamUser: () => attempt(notYet('Adding an IAM user')),
    removeIamUser: () => attempt(notYet('Removing an IAM user')),
    answerMfa: () => attempt(notYet('Answering an MFA prompt')),
    cancelMfa: () => attempt(notYet('Cancelling an MFA prompt')),
  };
}
