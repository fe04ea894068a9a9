import { exec } from 'node:child_process';
import { mfaCodeProblem } from '../../common/sts-rules';
import { UserError } from '../../common/user-error';

/** How long an mfa_process may take (a hardware key may wait for a touch). */
const MFA_PROCESS_TIMEOUT_MS = 60_000;

/**
 * Runs ~/.aws/config's `mfa_process` through the shell, as the AWS tools that support it do, and
 * takes what it prints as the code. Its output is checked like a typed code, before any request.
 */
export function runMfaProcess(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    exec(command, { timeout: MFA_PROCESS_TIMEOUT_MS, windowsHide: true, maxBuffer: 64 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const why = err.killed ? `took longer than ${MFA_PROCESS_TIMEOUT_MS / 1000} s` : `failed (${String(stderr).trim() || `exit code ${err.code}`})`;
        return reject(new UserError(`mfa_process "${command}" ${why}`));
      }
      const code = String(stdout).trim();
      const problem = mfaCodeProblem(code);
      if (problem) return reject(new UserError(`mfa_process "${command}" did not print an MFA code: ${problem}`));
      resolve(code);
    });
  });
}
