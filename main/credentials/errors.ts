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
