// Failures of STS calls, apart from the SDK client so the core can tell them apart without loading it.
import { UserError } from '../../common/user-error';

/** STS refused the request (access denied, a wrong MFA code): its reason, in the person's terms. */
export class StsRefusedError extends UserError {
  constructor(
    message: string,
    /** STS's error code (AccessDenied, ExpiredToken, …). */
    readonly code: string,
  ) {
    super(message);
    this.name = 'StsRefusedError';
  }
}

/** STS did not answer (network, throttling, a fault on its side): worth trying again later. */
export class StsUnavailableError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'StsUnavailableError';
  }
}

/** IAM refused a call on the user's keys: its code (LimitExceeded, AccessDenied, …) and its own message, for the caller to word. */
export class IamRefusedError extends UserError {
  constructor(
    message: string,
    readonly code: string,
    /** IAM's message as it sent it. */
    readonly reason: string,
  ) {
    super(message);
    this.name = 'IamRefusedError';
  }
}
