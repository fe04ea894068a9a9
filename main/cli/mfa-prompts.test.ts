import { afterEach, describe, expect, it } from 'vitest';
import type { ChainView, MfaPromptView } from '../../preload/api';
import { appState } from '../../test-support/app-state';
import { startScriptedOwner, type ScriptedOwner } from '../../test-support/scripted-owner';
import type { ControlClient } from '../control/control-client';
import { ctrlC, recordingIo, scriptedTerminal, untilWithdrawn, type Asked } from './cli-test-io';
import { CliError } from './io';
import { answeringMfa, chainProfiles } from './mfa-prompts';
import { findOwner, must } from './owner';

const SERIAL = 'arn:aws:iam::111111111111:mfa/alice';
const chain = (profileName: string, via: string): ChainView => ({ profileName, via, roleArn: `arn:aws:iam::222222222222:role/${profileName}`, origin: 'roletray' });
const prompt = (id: string, profileName: string, mfaSerial = SERIAL): MfaPromptView => ({ id, mfaSerial, profileName, reason: 'to load deploy', expiresAt: Date.now() + 180_000 });
const LOADED = { slot: '', profileName: 'deploy' };
const CHAINS = { chains: [chain('deploy', 'alice')], iamUsers: [{ name: 'alice', accessKeyHint: 'AKIA…WXYZ', mfaSerial: SERIAL }] };

let owner: ScriptedOwner | undefined;
let client: ControlClient | undefined;
afterEach(async () => {
  client?.close();
  await owner?.close();
  owner = client = undefined;
});

/**
 * An owner whose loadProfile raises `prompts` and waits: an answer (right code) loads, a
 * cancel fails the load as the core's MfaPrompts does, `settle` lets a test end it otherwise.
 */
async function ownerAsking(prompts: MfaPromptView[], kind: 'serve' | 'app' = 'serve') {
  let answer: (code: string) => void = () => undefined;
  let refuse: (err: Error) => void = () => undefined;
  const started = await startScriptedOwner(
    {
      loadProfile: async () => {
        const code = new Promise<string>((resolve, reject) => ((answer = resolve), (refuse = reject)));
        started.setState({ mfaPrompts: prompts });
        const given = await code.finally(() => started.setState({ mfaPrompts: [] }));
        if (given !== '123456') throw new Error('STS refused the MFA code');
        return LOADED;
      },
      answerMfa: ({ code }) => answer(code),
      cancelMfa: () => refuse(new Error('The MFA code for alice was not entered (cancelled); nothing was loaded')),
    },
    CHAINS,
    kind,
  );
  owner = started;
  client = (await findOwner(started.configDir))!;
  return { client, owner: started, answerElsewhere: () => answer('123456') };
}

const load = (c: ControlClient) => () => must(c, 'loadProfile', { profile: 'deploy' });
const opsAsked = () => owner!.calls.filter((c) => c.op === 'answerMfa' || c.op === 'cancelMfa');

describe('chainProfiles', () => {
  it('walks each via back to the root, and stops at a loop', () => {
    const state = appState({ chains: [chain('target', 'hop'), chain('hop', 'sso-dev'), chain('a', 'b'), chain('b', 'a')] });
    expect([...chainProfiles(state, ['target'])].sort()).toEqual(['hop', 'sso-dev', 'target']);
    expect([...chainProfiles(state, ['a'])].sort()).toEqual(['a', 'b']);
  });
});

describe('answeringMfa on a terminal', () => {
  it('asks for the code of the prompt its load raised, sends it, and returns the load', async () => {
    const { client: c } = await ownerAsking([prompt('mfa1', 'alice')]);
    const terminal = scriptedTerminal(['123456']);
    const io = recordingIo({}, '', terminal);
    expect(await answeringMfa(c, io, ['deploy'], load(c))).toEqual(LOADED);
    expect(terminal.asked.map((a) => [a.question, a.hidden])).toEqual([[`MFA code for ${SERIAL} (to load deploy): `, false]]);
    expect(opsAsked()).toEqual([{ op: 'answerMfa', arg: { id: 'mfa1', code: '123456' } }]);
    expect(io.err).toBe('');
  });

  it('asks again when what was typed is not 6 digits, without sending it', async () => {
    const { client: c } = await ownerAsking([prompt('mfa1', 'alice')]);
    const io = recordingIo({}, '', scriptedTerminal(['12345', '123456']));
    expect(await answeringMfa(c, io, ['deploy'], load(c))).toEqual(LOADED);
    expect(io.err).toBe('an MFA code is the 6 digits your authenticator shows; try again.\n');
    expect(opsAsked()).toEqual([{ op: 'answerMfa', arg: { id: 'mfa1', code: '123456' } }]);
  });

  it('gives up after three answers that are not codes, cancelling the prompt', async () => {
    const { client: c } = await ownerAsking([prompt('mfa1', 'alice')]);
    const io = recordingIo({}, '', scriptedTerminal(['1', 'abcdef', '1234567']));
    await expect(answeringMfa(c, io, ['deploy'], load(c))).rejects.toThrow(`no MFA code was entered for ${SERIAL}: 3 tries were not 6 digits`);
    expect(io.err).toBe('an MFA code is the 6 digits your authenticator shows; try again.\n'.repeat(2) + 'an MFA code is the 6 digits your authenticator shows.\n');
    expect(opsAsked()).toEqual([{ op: 'cancelMfa', arg: 'mfa1' }]);
  });

  it('Ctrl-C cancels the prompt (so the load fails in the owner too) and exits 130', async () => {
    const { client: c } = await ownerAsking([prompt('mfa1', 'alice')]);
    const failure = await answeringMfa(c, recordingIo({}, '', scriptedTerminal([ctrlC])), ['deploy'], load(c)).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(CliError);
    expect(failure).toMatchObject({ message: `cancelled: no MFA code was entered for ${SERIAL}`, exitCode: 130 });
    expect(opsAsked()).toEqual([{ op: 'cancelMfa', arg: 'mfa1' }]);
  });

  it('stops asking when the code was entered elsewhere first (the window)', async () => {
    const { client: c, answerElsewhere } = await ownerAsking([prompt('mfa1', 'alice')]);
    const elsewhere = (asked: Asked) => (setTimeout(answerElsewhere, 50), untilWithdrawn(asked));
    const terminal = scriptedTerminal([elsewhere]);
    expect(await answeringMfa(c, recordingIo({}, '', terminal), ['deploy'], load(c))).toEqual(LOADED);
    expect(terminal.asked).toHaveLength(1);
    expect(terminal.asked[0]!.signal!.aborted).toBe(true);
    expect(opsAsked()).toEqual([]);
  });

  it("asks only for its own load's prompts: another profile's waits for its own asker", async () => {
    const { client: c } = await ownerAsking([prompt('mfa1', 'bob', 'arn:aws:iam::111111111111:mfa/bob'), prompt('mfa2', 'alice')]);
    const terminal = scriptedTerminal(['123456']);
    expect(await answeringMfa(c, recordingIo({}, '', terminal), ['deploy'], load(c))).toEqual(LOADED);
    expect(terminal.asked.map((a) => a.question)).toEqual([`MFA code for ${SERIAL} (to load deploy): `]);
    expect(opsAsked()).toEqual([{ op: 'answerMfa', arg: { id: 'mfa2', code: '123456' } }]);
  });

  it('SIGINT while it waits cancels the open prompts and exits 130', async () => {
    const { client: c } = await ownerAsking([prompt('mfa1', 'alice')], 'app');
    let signal: (name: string) => void = () => undefined;
    const io = { ...recordingIo(), stopSignal: () => new Promise<string>((resolve) => (signal = resolve)) };
    const loading = answeringMfa(c, io, ['deploy'], load(c)).catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 100));
    signal('SIGINT');
    expect(await loading).toMatchObject({ message: 'stopped (SIGINT): the MFA code was not entered', exitCode: 130 });
    expect(opsAsked()).toEqual([{ op: 'cancelMfa', arg: 'mfa1' }]);
  });
});

describe('answeringMfa with no terminal', () => {
  it('says once that the app asks in its window, and waits for the answer there', async () => {
    const { client: c, answerElsewhere } = await ownerAsking([prompt('mfa1', 'alice'), prompt('mfa2', 'deploy', 'arn:aws:iam::222222222222:mfa/deploy')], 'app');
    const io = recordingIo();
    const loading = answeringMfa(c, io, ['deploy'], load(c));
    await new Promise((r) => setTimeout(r, 100));
    answerElsewhere();
    expect(await loading).toEqual(LOADED);
    expect(io.err).toBe(`RoleTray asks for the MFA code for ${SERIAL} (to load deploy) in its window: enter it there, or run this on a terminal to be asked here (or set mfa_process in the profile in ~/.aws/config).\n`);
    expect(opsAsked()).toEqual([]);
  });

  it('serve has no window: the prompt is cancelled at once, with what to do', async () => {
    const { client: c } = await ownerAsking([prompt('mfa1', 'alice')]);
    await expect(answeringMfa(c, recordingIo(), ['deploy'], load(c))).rejects.toThrow(
      `an MFA code for ${SERIAL} is needed (to load deploy), and there is no terminal here to ask for it, nor a window in \`roletray serve\`: run roletray load on a terminal, or set mfa_process in the profile in ~/.aws/config`,
    );
    expect(opsAsked()).toEqual([{ op: 'cancelMfa', arg: 'mfa1' }]);
  });
});
