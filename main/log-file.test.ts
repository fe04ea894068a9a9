import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logFile } from './log-file';

const line = (n: number) => `${JSON.stringify({ n, pad: 'x'.repeat(40) })}\n`;

describe('logFile', () => {
  it('appends lines, rotates past the size cap and keeps only the newest old files', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'roletray-log-')), 'logs');
    const write = logFile({ dir, maxBytes: 200, keep: 2 });
    for (let n = 0; n < 12; n++) write(line(n));
    expect((await readdir(dir)).sort()).toEqual(['roletray.1.log', 'roletray.2.log', 'roletray.log']);
    const all = [await readFile(join(dir, 'roletray.2.log'), 'utf8'), await readFile(join(dir, 'roletray.1.log'), 'utf8'), await readFile(join(dir, 'roletray.log'), 'utf8')];
    for (const file of all) expect(Buffer.byteLength(file)).toBeLessThanOrEqual(200);
    // Nothing lost between the kept files, newest last, and the oldest lines dropped.
    const numbers = all.join('').trim().split('\n').map((l) => (JSON.parse(l) as { n: number }).n);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => 12 - numbers.length + i));
    expect(numbers.at(-1)).toBe(11);
    expect(numbers[0]).toBeGreaterThan(0);
    expect((await stat(join(dir, 'roletray.log'))).mode & 0o777).toBe(0o600);
  });

  it('continues the file of the last run, counting what it already holds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roletray-log-'));
    await writeFile(join(dir, 'roletray.log'), 'x'.repeat(190) + '\n');
    const write = logFile({ dir, maxBytes: 200, keep: 1 });
    write(line(1));
    expect(await readFile(join(dir, 'roletray.1.log'), 'utf8')).toBe('x'.repeat(190) + '\n');
    expect(await readFile(join(dir, 'roletray.log'), 'utf8')).toBe(line(1));
  });

  it('writes a line longer than the cap whole, into a file of its own', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roletray-log-'));
    const write = logFile({ dir, maxBytes: 50, keep: 1 });
    write('short\n');
    write(`${'y'.repeat(80)}\n`);
    expect(await readFile(join(dir, 'roletray.log'), 'utf8')).toBe(`${'y'.repeat(80)}\n`);
    expect(await readFile(join(dir, 'roletray.1.log'), 'utf8')).toBe('short\n');
  });

  it('reports a log directory that is a file', async () => {
    const base = await mkdtemp(join(tmpdir(), 'roletray-log-'));
    await writeFile(join(base, 'logs'), '');
    const errors: Error[] = [];
    const write = logFile({ dir: join(base, 'logs'), onError: (e) => errors.push(e) });
    write('a\n');
    write('b\n');
    expect(errors.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(['EEXIST']);
  });
});
