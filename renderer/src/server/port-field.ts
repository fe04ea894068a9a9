import { parsePortText, portProblem as settingProblem } from '../../../common/port';

/** Why the text in the Port field is not a port, or undefined: the settings' own rule, in the window's words. */
export function portProblem(text: string): string | undefined {
  const problem = settingProblem(parsePortText(text));
  return problem && `The port ${problem}.`;
}
