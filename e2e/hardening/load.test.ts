import { describe, expect, it } from 'vitest';
import { formatLoadFigures, runLoadScenario } from '../bench/load';

describe('the credential server under load while its slots change', () => {
  it('answers every read with one whole load or the documented 404, with stable memory', async () => {
    const f = await runLoadScenario({ connections: 20, durationSec: 4 });
    const report = formatLoadFigures(f).join('\n');
    expect(f.torn, report).toBe(0);
    expect(f.foreign, report).toBe(0);
    expect(f.unexpected, report).toBe(0);
    expect(f.loaderFailures, report).toBe(0);
    expect(Object.keys(f.statuses).sort(), report).toEqual(['200', '404']);
    // Enough traffic and enough churn for the figures to mean something.
    expect(f.requests, report).toBeGreaterThan(2_000);
    expect(f.loads + f.unloads, report).toBeGreaterThan(50);
    expect(f.rssAfterMiB - f.rssBeforeMiB, report).toBeLessThan(40);
  }, 20_000);
});
