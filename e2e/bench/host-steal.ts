// How much of the machine's CPU time its host took (steal) while a bench section ran. On a shared
// virtual machine that time is lost to every process alike, and latency figures (p95, p99) move
// with it; the bench prints it beside each section so a figure is read with the run it came from.
import { existsSync, readFileSync } from 'node:fs';

/** The aggregate `cpu` line of /proc/stat: the total of its time columns and the steal column (the 8th). */
export function cpuTimes(procStat: string): { total: number; steal: number } {
  const line = procStat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) throw new Error('no aggregate cpu line in /proc/stat');
  // user nice system idle iowait irq softirq steal [guest guest_nice, already counted in user and nice]
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (fields.length < 8 || fields.some((n) => !Number.isFinite(n))) throw new Error(`unreadable cpu line in /proc/stat: ${line}`);
  return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7]! };
}

/** The share of CPU time stolen between two readings, from 0 to 1. */
export const stealShare = (before: { total: number; steal: number }, after: { total: number; steal: number }) =>
  after.total > before.total ? (after.steal - before.steal) / (after.total - before.total) : 0;

/** Runs `section` and answers with its result and the host's share of the CPU time meanwhile (undefined where there is no /proc/stat). */
export async function measuringSteal<T>(section: () => Promise<T>): Promise<{ result: T; steal?: number }> {
  const read = () => (existsSync('/proc/stat') ? cpuTimes(readFileSync('/proc/stat', 'utf8')) : undefined);
  const before = read();
  const result = await section();
  const after = read();
  return before && after ? { result, steal: stealShare(before, after) } : { result };
}

/** The line the bench prints under a section. */
export const stealLine = (steal: number | undefined) =>
  steal === undefined ? [] : [`  host steal during this section: ${(100 * steal).toFixed(1)}% of the CPU time (a shared host; latency figures move with it)`];
