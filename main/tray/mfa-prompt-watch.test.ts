import { describe, expect, it } from 'vitest';
import type { MfaPromptView } from '../../preload/api';
import { MfaPromptWatch, mfaNotification } from './mfa-prompt-watch';

const prompt = (id: string): MfaPromptView => ({ id, mfaSerial: 'arn:aws:iam::111111111111:mfa/alice', profileName: 'alice', reason: 'to load deploy (arn:aws:iam::222222222222:role/Deploy)', expiresAt: 0 });

describe('MfaPromptWatch', () => {
  it('reports each prompt once, on the snapshot it first appears in', () => {
    const watch = new MfaPromptWatch();
    expect(watch.arrived({ mfaPrompts: [] })).toEqual([]);
    expect(watch.arrived({ mfaPrompts: [prompt('a')] })).toEqual([prompt('a')]);
    expect(watch.arrived({ mfaPrompts: [prompt('a')] })).toEqual([]);
    expect(watch.arrived({ mfaPrompts: [prompt('a'), prompt('b')] })).toEqual([prompt('b')]);
  });

  it('a prompt that left and an id that comes back count as new again', () => {
    const watch = new MfaPromptWatch();
    watch.arrived({ mfaPrompts: [prompt('a')] });
    expect(watch.arrived({ mfaPrompts: [] })).toEqual([]);
    expect(watch.arrived({ mfaPrompts: [prompt('a')] })).toEqual([prompt('a')]);
  });

  it('says in the notification which device, for whom and why', () => {
    expect(mfaNotification(prompt('a'))).toEqual({
      title: 'MFA code needed',
      body: 'Enter the code of arn:aws:iam::111111111111:mfa/alice for alice to load deploy (arn:aws:iam::222222222222:role/Deploy).',
    });
  });
});
