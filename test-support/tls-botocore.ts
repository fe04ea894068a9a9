import { execFile, execFileSync } from 'node:child_process';

/** pyenv's `python3` is a shim that needs the real HOME; the tests run the interpreter it points at. */
const PYTHON = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();

// botocore's own container provider, as boto3 and the pip AWS CLI use it.
const SCRIPT = `
import json
from botocore.credentials import ContainerProvider
try:
    creds = ContainerProvider().load()
    if creds is None:
        print(json.dumps({"ok": False, "message": "provider not configured"}))
    else:
        print(json.dumps({"ok": True, "accessKeyId": creds.get_frozen_credentials().access_key}))
except Exception as e:
    print(json.dumps({"ok": False, "message": type(e).__name__ + ": " + str(e)}))
`;

export interface BotocoreResult {
  ok: boolean;
  accessKeyId?: string;
  message?: string;
}

/** Asks real botocore, in its own process and environment, for container credentials. */
export function botocoreCredentials(env: NodeJS.ProcessEnv): Promise<BotocoreResult> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, ['-c', SCRIPT], { env, timeout: 30_000 }, (err, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop();
      if (!line) return reject(new Error(`no answer from botocore: ${err?.message ?? ''} ${stderr}`));
      resolve(JSON.parse(line) as BotocoreResult);
    });
  });
}
