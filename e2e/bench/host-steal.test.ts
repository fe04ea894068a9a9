import { describe, expect, it } from 'vitest';
import { cpuTimes, measuringSteal, stealLine, stealShare } from './host-steal';

const STAT = (steal: number, idle: number) => `cpu  1000 10 500 ${idle} 20 0 30 ${steal} 0 0\ncpu0 500 5 250 100 10 0 15 3 0 0\nintr 1 2 3\n`;

describe('host steal', () => {
  it('reads the aggregate cpu line: the total of the time columns (guest time not counted twice) and steal', () => {
    expect(cpuTimes(STAT(200, 3000))).toEqual({ total: 1000 + 10 + 500 + 3000 + 20 + 0 + 30 + 200, steal: 200 });
  });

  it('gives the stolen share of the time between two readings', () => {
    const before = cpuTimes(STAT(200, 3000));
    const after = cpuTimes(STAT(300, 3900));
    expect(stealShare(before, after)).toBeCloseTo(100 / 1000, 6);
    expect(stealLine(0.1)).toEqual(['  host steal during this section: 10.0% of the CPU time (a shared host; latency figures move with it)']);
  });

  it('refuses a /proc/stat it cannot read', () => {
    expect(() => cpuTimes('intr 1 2\n')).toThrow('no aggregate cpu line in /proc/stat');
    expect(() => cpuTimes('cpu  1 2 x 4 5 6 7 8\n')).toThrow('unreadable cpu line in /proc/stat: cpu  1 2 x 4 5 6 7 8');
  });

  it('measures this machine while a section runs', async () => {
    const { result, steal } = await measuringSteal(async () => {
      const end = performance.now() + 50;
      while (performance.now() < end);
      return 'done';
    });
    expect(result).toBe('done');
    expect(steal).toBeGreaterThanOrEqual(0);
    expect(steal).toBeLessThanOrEqual(1);
  });
});
