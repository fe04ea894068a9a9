import { describe, expect, it } from 'vitest';
import type { AppState } from '../../preload/api';
import { nextStep } from './serve';

const base = { slots: [], sso: [] } as unknown as AppState;
const instance = { startUrl: 'https://d-1.awsapps.com/start', region: 'eu-west-1', signedIn: true, roleCount: 3 };

describe('the next step serve prints after its export lines', () => {
  it('asks for a sign-in when no IAM Identity Center instance is set up', () => {
    expect(nextStep(base)).toBe(
      '# Next: roletray login --start-url URL --region REGION (your AWS access portal and its region), then roletray load -p PROFILE (roletray roles lists them); or roletray load --creds-file F.',
    );
  });

  it('asks to sign in again when the session is over, and to load a role when signed in', () => {
    expect(nextStep({ ...base, sso: [{ ...instance, signedIn: false }] } as unknown as AppState)).toBe(
      '# Next: roletray login (signed out of https://d-1.awsapps.com/start), then roletray load -p PROFILE.',
    );
    expect(nextStep({ ...base, sso: [instance] } as unknown as AppState)).toBe('# Next: roletray roles lists the roles you can load; roletray load -p PROFILE serves one.');
  });

  it('says what it serves when the default slot is loaded', () => {
    expect(nextStep({ ...base, sso: [instance], slots: [{ name: '', profileName: 'dev:Admin' }] } as unknown as AppState)).toBe(
      '# Serving dev:Admin in the default slot; roletray load -p PROFILE switches it.',
    );
  });
});
