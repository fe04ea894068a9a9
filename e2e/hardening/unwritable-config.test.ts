import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startHeadlessCore } from '../../test-support/app-core-harness';
import { makeCreds } from '../../test-support/credentials';
import { rawRequest } from '../../test-support/http';
import { roletray } from '../../test-support/roletray-cli';

// Tests run as root in CI, where permission bits do not stop writes: a path through a regular
// file (ENOTDIR) is what stands in for a configuration directory that cannot be written.
describe('an unwritable configuration directory', () => {
  it('roletray serve refuses to start, naming the directory', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'roletray-unwritable-')), 'not-a-dir');
    writeFileSync(file, 'x');
    const config = join(file, 'config');
    const run = await roletray(['serve', '--port', '0'], { ...process.env, ROLETRAY_CONFIG_DIR: config });
    expect(run).toMatchObject({
      code: 1,
      stderr: `roletray serve: The configuration directory ${config} cannot be made: a folder on its path is a file\n`,
    });
  });

  it('when saving loaded slots starts failing, the person is told and the slots keep being served', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roletray-unwritable-'));
    const core = await startHeadlessCore(dir);
    try {
      rmSync(join(dir, 'secrets'), { recursive: true, force: true });
      writeFileSync(join(dir, 'secrets'), 'in the way');
      const creds = makeCreds();
      core.service.slots.load('', { profileName: 'dev', credentials: { ...creds, accountId: '012345678901' } });
      await vi.waitFor(() => expect(core.state().notices.map((n) => [n.level, n.message])).toContainEqual(['error', `Loaded roles could not be saved: EEXIST: file already exists, mkdir '${join(dir, 'secrets')}'`]), { timeout: 5_000, interval: 20 });
      // The token its first start generated, from the file it wrote.
      const answer = await rawRequest(core.state().server.port!, { path: '/', headers: { authorization: readFileSync(join(dir, 'token'), 'utf8') } });
      expect(answer.json.SecretAccessKey).toBe(creds.secretAccessKey);
    } finally {
      await core.stop();
    }
  });
});
