import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openHeadlessSecretStore } from './headless-secret-store';
import { NAMES, roundOf } from '../../test-support/secrets-crash-writer';

const WRITER = join(__dirname, '../../test-support/secrets-crash-writer.ts');

/** Runs the writer in plain node (the tsx CLI would put a wrapper process between us and the writer) from `start` and SIGKILLs it at a random moment after its first full round; returns the last round it reported. */
function runAndKill(dir: string, start: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let reported = -1;
    let killTimer: NodeJS.Timeout | undefined;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      const rounds = d.toString().trim().split('\n').map(Number);
      reported = Math.max(reported, ...rounds);
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), 20 + Math.random() * 300);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(killTimer);
      if (signal === 'SIGKILL') resolve(reported);
      else reject(new Error(`writer exited with ${code}: ${stderr}`));
    });
  });
}

async function filesUnder(dir: string): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out.push(...(entry.isDirectory() ? await filesUnder(path) : [await readFile(path)]));
  }
  return out;
}

describe('encrypted secret files survive a writer killed at random points', () => {
  it('always finds each secret whole (the last value or the one being written) and never in clear', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roletray-crash-'));
    let start = 0;
    for (let kill = 0; kill < 6; kill++) {
      const reported = await runAndKill(dir, start);
      expect(reported).toBeGreaterThanOrEqual(start);
      const store = await openHeadlessSecretStore(dir);
      const rounds: number[] = [];
      for (const name of NAMES) {
        const value = await store.get(name);
        expect(value, name).toBeDefined();
        const round = roundOf(value!, name);
        expect(round, `${name} holds a torn value`).toBeDefined();
        rounds.push(round!);
      }
      // Everything reported done is on disk; at most the round in flight is newer.
      expect(Math.min(...rounds)).toBeGreaterThanOrEqual(reported);
      expect(Math.max(...rounds)).toBeLessThanOrEqual(reported + 1);
      for (const raw of await filesUnder(dir)) expect(raw.includes('CANARY')).toBe(false);
      start = Math.max(...rounds) + 1;
    }
  }, 60_000);
});
