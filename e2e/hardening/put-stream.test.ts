import { describe, expect, it } from 'vitest';
import { formatPutStreamFigures, runPutStream } from '../bench/put-stream';

describe('reads while PUTs stream into the slots of `roletray serve`', () => {
  it('saves hundreds of PUTs in a few encrypted writes, and every read is answered', async () => {
    const f = await runPutStream({ slots: 100, connections: 10, durationSec: 4 });
    const report = formatPutStreamFigures(f).join('\n');
    console.log(report);
    expect(f.putFailures, report).toBe(0);
    expect(f.puts, report).toBeGreaterThan(200);
    expect(f.baseline.errors + f.streamed.errors, report).toBe(0);
    // One write at most every 2 s of a stream that never pauses (maxDelayMs), and the last one after it.
    expect(f.writes, report).toBeGreaterThanOrEqual(1);
    expect(f.writes, report).toBeLessThanOrEqual(Math.ceil(f.durationSec / 2) + 1);
  }, 60_000);
});
