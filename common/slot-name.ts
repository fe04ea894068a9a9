import { MAX_SLOT_NAME_LENGTH } from './limits';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The default slot's name: `/` and `AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:4144/`. */
export const DEFAULT_SLOT = '';

/** Why `name` cannot name a slot, or undefined when it can (1-256 characters, no control characters, no `/`). */
export function slotNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'slot name is empty';
  if (name.length > MAX_SLOT_NAME_LENGTH) return `slot name is longer than ${MAX_SLOT_NAME_LENGTH} characters`;
  if (CONTROL.test(name)) return 'slot name contains a control character';
  if (name.includes('/')) return 'slot name contains "/"';
  return undefined;
}
