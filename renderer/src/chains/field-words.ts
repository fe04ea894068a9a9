/**
 * A shared rule's reason names the AWS CLI's setting and the value ('role_session_name "x y" must
 * be …'), as the command line says it; beside its field the window says 'The session name must be …'.
 */
export function inFieldWords(problem: string | undefined, setting: string, value: string, label: string): string | undefined {
  if (problem === undefined) return undefined;
  for (const lead of [`${setting} "${value}" `, `${setting} ${value} `, `${setting} `]) {
    if (problem.startsWith(lead)) return `The ${label} ${problem.slice(lead.length)}`;
  }
  return problem.charAt(0).toUpperCase() + problem.slice(1);
}
