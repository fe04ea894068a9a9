// Default regions reach programs: set with `roletray setup region` on the running `roletray serve`,
// they come with `roletray exec` and the env lines, the most specific level winning.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Harness } from '../test-support/app-core-harness';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { makeCreds, putBody } from '../test-support/credentials';
import { roletray, startServe, type Served } from '../test-support/roletray-cli';

describe('roletray exec with a default region', () => {
  let served: Served;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    env = isolatedAwsEnv({ ROLETRAY_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'roletray-regions-')), AWS_REGION: 'us-east-1' });
    served = await startServe(['--port', '0'], env);
    const file = join(env.HOME!, 'creds.json');
    writeFileSync(file, JSON.stringify(putBody('dev', makeCreds({ accountId: '222222222222' }))));
    expect((await roletray(['load', '--creds-file', file, '--slot', 'dev'], env)).code).toBe(0);
  });
  afterAll(() => served?.stop());

  const regionsSeen = async () => (await roletray(['exec', '--slot', 'dev', '--', 'sh', '-c', 'printf "%s %s" "$AWS_REGION" "$AWS_DEFAULT_REGION"'], env)).stdout;

  it('leaves the region alone until one is set, then the command gets the account\'s, then the slot\'s', async () => {
    expect(await regionsSeen()).toBe('us-east-1 ');
    expect((await roletray(['setup', 'region', '--account', '222222222222', 'eu-west-2'], env)).stdout).toBe('account 222222222222: eu-west-2\n');
    expect(await regionsSeen()).toBe('eu-west-2 eu-west-2');
    expect((await roletray(['setup', 'region', '--slot', 'dev', 'ap-south-1'], env)).code).toBe(0);
    expect(await regionsSeen()).toBe('ap-south-1 ap-south-1');
  });
});

describe('the window\'s env lines and slots with a default region', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startCore();
  });
  afterAll(() => h?.close());

  it('shows the slot\'s region and puts it in the lines to paste', async () => {
    h.core.service.slots.load('', { profileName: 'x', credentials: makeCreds({ accountId: '222222222222' }) });
    const before = await h.core.ops.envLines({ shell: 'sh' });
    expect(before.ok && before.value.some((l) => l.includes('AWS_REGION'))).toBe(false);
    expect((await h.core.ops.updateSettings({ regions: { instances: {}, accounts: { '222222222222': 'eu-north-1' }, slots: {} } })).ok).toBe(true);
    await h.until((s) => s.slots[0]?.region === 'eu-north-1');
    const lines = await h.core.ops.envLines({ shell: 'sh' });
    expect(lines.ok && lines.value.slice(-2)).toEqual(["export AWS_REGION='eu-north-1'", "export AWS_DEFAULT_REGION='eu-north-1'"]);
  });
});
