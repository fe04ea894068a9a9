import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Harness } from '../../../test-support/app-core-harness';

describe('settings changes that move the listener', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it.each([70000, -1, 1.5])('refuses the port %s with the rule, before trying to listen, and keeps serving where it was', async (port) => {
    h = await startCore({});
    const before = h.core.state().server;
    expect(before.listening).toBe(true);
    expect(await h.core.ops.updateSettings({ port })).toEqual({ ok: false, error: 'port: must be a whole number from 1 to 65535' });
    expect(h.core.state().server).toMatchObject({ listening: true, port: before.port });
  });
});
