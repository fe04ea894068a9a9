import { describe, expect, it } from 'vitest';
import { MFA_WAIT_MS, MfaNotEnteredError, MfaPrompts } from './mfa-prompts';

const SERIAL = 'arn:aws:iam::111111111111:mfa/alice';

function setup() {
  let now = Date.UTC(2026, 11, 1);
  const timers = new Map<number, { at: number; fn: () => void }>();
  let id = 0;
  let changes = 0;
  const prompts = new MfaPrompts({
    now: () => now,
    setTimer: (fn, ms) => {
      timers.set(++id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (h) => void timers.delete(h as number),
    onChange: () => changes++,
  });
  const advance = (ms: number) => {
    now += ms;
    for (const [key, t] of timers) {
      if (t.at > now) continue;
      timers.delete(key);
      t.fn();
    }
  };
  return { prompts, advance, timers, changes: () => changes };
}

describe('MfaPrompts', () => {
  it('shows a prompt until it is answered, and hands the code to the work waiting', async () => {
    const t = setup();
    const code = t.prompts.ask({ mfaSerial: SERIAL, profileName: 'alice', reason: 'to load deploy' });
    const [prompt] = t.prompts.list();
    expect(prompt).toMatchObject({ mfaSerial: SERIAL, profileName: 'alice', reason: 'to load deploy', expiresAt: Date.UTC(2026, 11, 1) + MFA_WAIT_MS });
    t.prompts.answer(prompt!.id, '123456');
    await expect(code).resolves.toMatchObject({ code: '123456' });
    expect(t.prompts.list()).toEqual([]);
    expect(t.timers.size).toBe(0);
    expect(t.changes()).toBe(2);
  });

  it('asks once for one device: work that needs it meanwhile gets the same code', async () => {
    const t = setup();
    const first = t.prompts.ask({ mfaSerial: SERIAL, profileName: 'alice', reason: 'to load deploy' });
    const second = t.prompts.ask({ mfaSerial: SERIAL, profileName: 'alice', reason: 'to load audit' });
    expect(t.prompts.list()).toHaveLength(1);
    t.prompts.answer(t.prompts.list()[0]!.id, '654321');
    expect((await Promise.all([first, second])).map((g) => g.code)).toEqual(['654321', '654321']);
  });

  it('answers whoever gave the code with how the work took it: done, or the reason it was refused; the first to use it tells', async () => {
    const t = setup();
    const first = t.prompts.ask({ mfaSerial: SERIAL, profileName: 'alice', reason: 'to load deploy' });
    const joined = t.prompts.ask({ mfaSerial: SERIAL, profileName: 'alice', reason: 'to load audit' });
    const answered = t.prompts.answer(t.prompts.list()[0]!.id, '123456');
    const [a, b] = await Promise.all([first, joined]);
    a.settle(new Error('MultiFactorAuthentication failed with invalid MFA one time pass code.'));
    b.settle();
    await expect(answered).rejects.toThrow('MultiFactorAuthentication failed with invalid MFA one time pass code.');

    const next = t.prompts.ask({ mfaSerial: SERIAL, profileName: 'alice', reason: 'to load deploy' });
    const accepted = t.prompts.answer(t.prompts.list()[0]!.id, '654321');
    (await next).settle();
    await expect(accepted).resolves.toBeUndefined();
  });

  it('refuses a code that is not six digits, keeping the prompt; and an answer to a prompt that is gone', async () => {
    const t = setup();
    const code = t.prompts.ask({ mfaSerial: SERIAL, profileName: 'alice', reason: 'to load deploy' });
    const id = t.prompts.list()[0]!.id;
    expect(() => t.prompts.answer(id, '12 456')).toThrow('That MFA code was not sent: an MFA code is the 6 digits your authenticator shows');
    expect(t.prompts.list()).toHaveLength(1);
    t.prompts.answer(id, '000000');
    await code;
    expect(() => t.prompts.answer(id, '000000')).toThrow('That MFA prompt is no longer waiting (answered elsewhere, cancelled or timed out)');
  });

  it('fails the load after 3 minutes without a code, saying to load it again', async () => {
    const t = setup();
    const code = t.prompts.ask({ mfaSerial: SERIAL, profileName: 'alice', reason: 'to load deploy' });
    t.advance(MFA_WAIT_MS - 1);
    expect(t.prompts.list()).toHaveLength(1);
    t.advance(1);
    await expect(code).rejects.toThrow(new MfaNotEnteredError(`No MFA code was entered for alice (${SERIAL}); load it again`));
    expect(t.prompts.list()).toEqual([]);
  });

  it('fails the load when the person cancels', async () => {
    const t = setup();
    const code = t.prompts.ask({ mfaSerial: SERIAL, profileName: 'alice', reason: 'to load deploy' });
    t.prompts.cancel(t.prompts.list()[0]!.id);
    await expect(code).rejects.toThrow('The MFA code for alice was not entered (cancelled); nothing was loaded');
    expect(t.timers.size).toBe(0);
  });
});
