/**
 * Why the text in the Port field is not a port, or undefined. The settings check in main
 * (main/settings/validate.ts) is the authority; the field asks first, in the same words, because
 * main tries to listen on a new port before it validates it, and a port past 65535 would come back
 * as a generic error instead.
 */
export function portProblem(text: string): string | undefined {
  const value = text.trim();
  const n = Number(value);
  return /^\d+$/.test(value) && n >= 1 && n <= 65535 ? undefined : 'The port must be a whole number from 1 to 65535.';
}
