import { UserError } from '../../common/user-error';

/**
 * The source of a slot's credentials needs a new sign-in (the SSO session expired, was revoked, or
 * never was): the refresh schedule stops retrying and asks the person to sign in instead.
 */
export class SignInRequiredError extends UserError {
  constructor(
    readonly startUrl: string,
    reason: string,
  ) {
    super(`sign in to ${startUrl} again: ${reason}`);
    this.name = 'SignInRequiredError';
  }
}

/**
 * Making a slot's credentials again needs an MFA code and nobody was there to ask (a background
 * refresh): the schedule marks the slot 'needs-mfa' and asks once for every slot waiting on `mfaSerial`.
 */
export class MfaRequiredError extends UserError {
  constructor(
    readonly mfaSerial: string,
    /** The IAM user or chain the code is for. */
    readonly profileName: string,
  ) {
    super(`an MFA code for ${mfaSerial} is needed to make new credentials for ${profileName}`);
    this.name = 'MfaRequiredError';
  }
}
