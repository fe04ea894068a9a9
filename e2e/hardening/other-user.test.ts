// Another local user, for real: `runuser -u nobody` (where the tests run as root) runs the built
// `roletray` against files that belong to someone else; the command refuses them, as ssh does,
// naming the path and the command that fixes it.
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliForAnotherUser } from '../../test-support/nobody-cli';
import { CLI } from '../../test-support/roletray-cli';

const root = process.getuid?.() === 0;
const NOBODY = 65534;

let nobodyCli: string | undefined;

function run(asNobody: boolean, args: string[]): Promise<{ code: number; stderr: string }> {
  const command = asNobody ? ['runuser', ['-u', 'nobody', '--', process.execPath, (nobodyCli ??= cliForAnotherUser()), ...args]] : [process.execPath, [CLI, ...args]];
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('ROLETRAY_') && !key.startsWith('AWS_')) env[key] = value;
  return new Promise((resolve) => {
    execFile(command[0] as string, command[1] as string[], { env, timeout: 20_000 }, (err, _stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr }),
    );
  });
}

/** A folder everyone may enter, so that nobody can reach the files inside it. */
function openFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'roletray-other-user-'));
  chmodSync(dir, 0o755);
  return dir;
}

describe.runIf(root)('files of another user (runuser -u nobody)', () => {
  it("nobody cannot use root's token file, even a world-readable one", async () => {
    const dir = openFolder();
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, 'root-token-0123456789abcdef', { mode: 0o644 });
    const asNobody = await run(true, ['list', '--server', '127.0.0.1:9', '--token-file', tokenFile]);
    expect(asNobody.code).toBe(1);
    expect(asNobody.stderr).toBe(
      `roletray list: The token file ${tokenFile} belongs to another user (uid 0), not to you (nobody, uid ${NOBODY}), so that user can read or change it. Fix it with: sudo chown nobody '${tokenFile}'\n`,
    );
  });

  it("nobody's serve refuses a configuration directory root made for everyone", async () => {
    const parent = openFolder();
    const configDir = join(parent, 'config');
    mkdirSync(configDir);
    chmodSync(configDir, 0o777);
    const asNobody = await run(true, ['serve', '--port', '0', '--config-dir', configDir]);
    expect(asNobody.code).toBe(1);
    // The control channel's claim checks the directory first (main/control/control-server.ts).
    expect(asNobody.stderr).toContain(`${configDir} belongs to another user (uid 0)`);
  });

  it('root refuses a token file and a configuration directory that nobody owns', async () => {
    const dir = openFolder();
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, 'nobody-token-0123456789abcdef', { mode: 0o600 });
    chownSync(tokenFile, NOBODY, NOBODY);
    const list = await run(false, ['list', '--server', '127.0.0.1:9', '--token-file', tokenFile]);
    expect(list.stderr).toBe(
      `roletray list: The token file ${tokenFile} belongs to another user (uid ${NOBODY}), not to you (root, uid 0), so that user can read or change it. Fix it with: sudo chown root '${tokenFile}'\n`,
    );
    const served = await run(false, ['serve', '--port', '0', '--token-file', tokenFile]);
    expect(served.code).toBe(1);
    expect(served.stderr).toContain(`The token file ${tokenFile} belongs to another user (uid ${NOBODY})`);

    const configDir = join(dir, 'config');
    mkdirSync(configDir, { mode: 0o700 });
    chownSync(configDir, NOBODY, NOBODY);
    const serve = await run(false, ['serve', '--port', '0', '--config-dir', configDir]);
    expect(serve.code).toBe(1);
    expect(serve.stderr).toContain(`${configDir} belongs to another user (uid ${NOBODY})`);
  });

  it('root refuses a key file and a secrets folder in its own configuration directory that nobody owns', async () => {
    const configDir = join(openFolder(), 'config');
    mkdirSync(join(configDir, 'secrets'), { recursive: true, mode: 0o700 });
    const keyFile = join(configDir, 'secret.key');
    writeFileSync(keyFile, Buffer.alloc(32, 7), { mode: 0o600 });
    chownSync(keyFile, NOBODY, NOBODY);
    const serve = await run(false, ['serve', '--port', '0', '--config-dir', configDir]);
    expect(serve.code).toBe(1);
    expect(serve.stderr).toContain(
      `The key file ${keyFile} belongs to another user (uid ${NOBODY}), not to you (root, uid 0), so that user can read or change it. Fix it with: sudo chown root '${keyFile}'`,
    );
    chownSync(keyFile, 0, 0);
    chmodSync(join(configDir, 'secrets'), 0o777);
    const again = await run(false, ['serve', '--port', '0', '--config-dir', configDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`lets other users add or remove files in it. Fix it with: chmod go-w '${join(configDir, 'secrets')}'`);
  });

  it('a token file of its own, readable by nobody else, passes the check', async () => {
    const dir = openFolder();
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, 'nobody-token-0123456789abcdef', { mode: 0o600 });
    chownSync(tokenFile, NOBODY, NOBODY);
    const asNobody = await run(true, ['list', '--server', '127.0.0.1:9', '--token-file', tokenFile]);
    expect(asNobody.stderr).toMatch(/^roletray list: cannot reach the server at http:\/\/127\.0\.0\.1:9\//);
  });
});
