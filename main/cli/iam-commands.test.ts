import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IamUserRequest } from '../../preload/api';
import { startScriptedOwner, type ScriptedOwner } from '../../test-support/scripted-owner';
import { recordingIo } from './cli-test-io';
import { iam, IAM_HELP } from './iam-commands';

const ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SERIAL = 'arn:aws:iam::111111111111:mfa/alice';

let owner: ScriptedOwner | undefined;
afterEach(async () => {
  await owner?.close();
  owner = undefined;
});
const nobodyHome = () => ({ ROLETRAY_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'roletray-iam-')) });

/** An owner that keeps the users added, as the core shows them (a hint, never the key). */
async function keepingOwner() {
  const started = await startScriptedOwner({
    addIamUser: (r: IamUserRequest) =>
      started.setState({ iamUsers: [...started.state().iamUsers, { name: r.name, accessKeyHint: `${r.accessKeyId.slice(0, 4)}…${r.accessKeyId.slice(-4)}`, ...(r.mfaSerial ? { mfaSerial: r.mfaSerial } : {}) }] }),
    removeIamUser: (name) => started.setState({ iamUsers: started.state().iamUsers.filter((u) => u.name !== name) }),
  });
  owner = started;
  return { started, env: { ROLETRAY_CONFIG_DIR: started.configDir } };
}

describe('iam: refused before anything is read or asked', () => {
  it.each([
    [['add', 'alice', '--secret-access-key', SECRET], '--secret-access-key is not taken: keys are never read from arguments'],
    [['add', 'alice', `--aws-access-key-id=${ID}`], '--aws-access-key-id is not taken: keys are never read from arguments'],
    [['add', 'alice', ID, SECRET], 'iam add takes one NAME, not 3 words: the access key is read from standard input, never from arguments (aws iam create-access-key --user-name NAME | roletray iam add NAME)'],
    [['add'], 'which IAM user? give its NAME: roletray iam add NAME'],
    [['add', 'alice', '--mfa-serial', 'alice phone'], '--mfa-serial: mfa_serial "alice phone" is neither an MFA device ARN nor a hardware serial (9 to 256 letters, digits or _+=/:,.@-)'],
    [['add', 'alice', '--region', 'mars-1'], '--region: the region must be an AWS region such as us-east-1, not "mars-1"'],
    [['remove'], 'which IAM user? give one NAME: roletray iam remove NAME'],
    [['rotate'], 'which IAM user? give one NAME: roletray iam rotate NAME'],
    [['rotate', 'alice', 'bob'], 'which IAM user? give one NAME: roletray iam rotate NAME'],
    [['rename', 'alice'], 'unknown iam command "rename": add, list, rotate or remove'],
  ])('%j', async (argv, message) => {
    await expect(iam(argv, recordingIo(nobodyHome(), `${ID}\n${SECRET}\n`))).rejects.toMatchObject({ message: expect.stringContaining(message), exitCode: 2 });
  });

  it('needs the running RoleTray, and says so before the keys are typed', async () => {
    const io = recordingIo(nobodyHome(), `${ID}\n${SECRET}\n`);
    await expect(iam(['add', 'alice'], io)).rejects.toThrow(/^RoleTray is not running: start the app or `roletray serve`$/);
  });

  it('prints its help with --help, and to stderr with no subcommand', async () => {
    const help = recordingIo();
    expect(await iam(['--help'], help)).toBe(0);
    expect(help.out).toBe(IAM_HELP);
    const none = recordingIo();
    expect(await iam([], none)).toBe(2);
    expect(none.err).toBe(IAM_HELP);
  });
});

describe('iam through the owner', () => {
  it('add keeps the piped key with the owner and shows only its hint; list and remove follow', async () => {
    const { started, env } = await keepingOwner();
    const add = recordingIo(env, JSON.stringify({ AccessKey: { UserName: 'alice', AccessKeyId: ID, SecretAccessKey: SECRET } }));
    expect(await iam(['add', 'alice', '--mfa-serial', SERIAL], add)).toBe(0);
    expect(add.out).toBe('Added IAM user alice (AKIA…MPLE): roletray load -p alice loads its session; roletray load --assume ROLE_ARN --via alice assumes a role from it.\n');
    expect(started.calls.filter((c) => c.op === 'addIamUser').map((c) => c.arg)).toEqual([{ name: 'alice', accessKeyId: ID, secretAccessKey: SECRET, mfaSerial: SERIAL }]);

    const list = recordingIo(env);
    expect(await iam(['list'], list)).toBe(0);
    expect(list.out).toBe(`NAME   ACCESS KEY  MFA DEVICE                           REGION  SESSION\nalice  AKIA…MPLE   ${SERIAL}  -       -\n`);
    const json = recordingIo(env);
    expect(await iam(['list', '--json'], json)).toBe(0);
    expect(JSON.parse(json.out)).toEqual([{ name: 'alice', accessKeyHint: 'AKIA…MPLE', mfaSerial: SERIAL }]);
    expect(json.out).not.toContain(SECRET);

    await expect(iam(['remove', 'bob'], recordingIo(env))).rejects.toThrow('no IAM user named "bob" (see roletray iam list)');
    const remove = recordingIo(env);
    expect(await iam(['remove', 'alice'], remove)).toBe(0);
    expect(remove.out).toBe('Removed IAM user alice and its keys.\n');
    const empty = recordingIo(env);
    expect(await iam(['list'], empty)).toBe(0);
    expect(empty.out).toBe('No IAM users (add one: roletray iam add NAME).\n');
  });

  it("shows the owner's refusal as it is, and a bad pipe's reason before anything is sent", async () => {
    owner = await startScriptedOwner({
      addIamUser: () => {
        throw new Error("That access key id (ASIA…) is a temporary one; an IAM user's long-term key id starts with AKIA");
      },
    });
    const env = { ROLETRAY_CONFIG_DIR: owner.configDir };
    await expect(iam(['add', 'alice'], recordingIo(env, `ASIAIOSFODNN7EXAMPLE\n${SECRET}\n`))).rejects.toThrow("That access key id (ASIA…) is a temporary one; an IAM user's long-term key id starts with AKIA");
    await expect(iam(['add', 'alice'], recordingIo(env, ID))).rejects.toThrow('standard input holds 1 line');
    expect(owner.calls.filter((c) => c.op === 'addIamUser')).toHaveLength(1);
  });
});

describe('iam rotate through the owner', () => {
  const rotated = { name: 'alice', accessKeyHint: 'AKIA…WXYZ', replacedKeyHint: 'AKIA…MPLE' };

  it("asks the owner to rotate the user's key and says which key replaces which, or as JSON", async () => {
    owner = await startScriptedOwner({ rotateIamUser: () => rotated }, { iamUsers: [{ name: 'alice', accessKeyHint: 'AKIA…MPLE' }] });
    const env = { ROLETRAY_CONFIG_DIR: owner.configDir };
    const io = recordingIo(env);
    expect(await iam(['rotate', 'alice'], io)).toBe(0);
    expect(io.out).toBe("Rotated alice's access key: AKIA…WXYZ replaces AKIA…MPLE (deleted).\n");
    const json = recordingIo(env);
    expect(await iam(['rotate', 'alice', '--json'], json)).toBe(0);
    expect(JSON.parse(json.out)).toEqual(rotated);
    expect(owner.calls.filter((c) => c.op === 'rotateIamUser').map((c) => c.arg)).toEqual(['alice', 'alice']);
  });

  it("refuses a user the owner does not keep before asking, and shows the owner's refusal as it is", async () => {
    const refusal = "alice already has two access keys, the most IAM allows, so no new one was made; nothing was changed. Delete the unused one (not AKIA…MPLE, which RoleTray uses) in the IAM console or with aws iam delete-access-key --user-name alice --access-key-id ID (aws iam list-access-keys --user-name alice lists both), then rotate again";
    owner = await startScriptedOwner(
      {
        rotateIamUser: () => {
          throw new Error(refusal);
        },
      },
      { iamUsers: [{ name: 'alice', accessKeyHint: 'AKIA…MPLE' }] },
    );
    const env = { ROLETRAY_CONFIG_DIR: owner.configDir };
    await expect(iam(['rotate', 'bob'], recordingIo(env))).rejects.toThrow('no IAM user named "bob" (see roletray iam list)');
    expect(owner.calls.filter((c) => c.op === 'rotateIamUser')).toEqual([]);
    await expect(iam(['rotate', 'alice'], recordingIo(env))).rejects.toThrow(refusal);
  });
});
