/** Why `value` cannot be the credential server's port setting, or undefined (the settings, the window and the core ask this). */
export function portProblem(value: unknown): string | undefined {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535 ? undefined : 'must be a whole number from 1 to 65535';
}

/** The port a person typed, as a number, or undefined when the text is not a whole number. */
export function parsePortText(text: string): number | undefined {
  const value = text.trim();
  return /^\d+$/.test(value) ? Number(value) : undefined;
}
