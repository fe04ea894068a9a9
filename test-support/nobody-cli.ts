import { chmodSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CLI } from './roletray-cli';

/**
 * The built `roletray` where another user can run it: the checkout may sit in a folder only its
 * owner can enter (a home directory), so the self-contained bundle is copied to an open folder.
 */
export function cliForAnotherUser(): string {
  const dir = mkdtempSync(join(tmpdir(), 'roletray-cli-copy-'));
  chmodSync(dir, 0o755);
  cpSync(join(dirname(CLI), 'cli'), join(dir, 'cli'), { recursive: true });
  cpSync(CLI, join(dir, 'cli.cjs'));
  return join(dir, 'cli.cjs');
}
