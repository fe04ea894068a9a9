import { describe, expect, it } from 'vitest';
import type { ChainView, IamUserView } from '../../preload/api';
import { appState, START_URL } from '../../test-support/app-state';
import { defaultSettings } from '../settings/schema';
import type { HistoryRef } from '../sso/role-history';
import { snapshotOf, type SnapshotInput } from './snapshot';

const admin = { startUrl: START_URL, region: 'eu-west-1', accountId: '111111111111', roleName: 'Admin' };
const deploy: ChainView = { origin: 'roletray', profileName: 'deploy', roleArn: 'arn:aws:iam::222222222222:role/Deploy', via: '111111111111:Admin' };
const alice: IamUserView = { name: 'alice', accessKeyHint: 'AKIA…WXYZ', mfaSerial: 'arn:aws:iam::444444444444:mfa/alice' };

function input(history: { recents: HistoryRef[]; pinned: HistoryRef[] }, over: Partial<SnapshotInput> = {}): SnapshotInput {
  const base = appState();
  return {
    version: base.version,
    server: base.server,
    tls: base.tls,
    slots: [],
    refreshState: () => undefined,
    settings: defaultSettings(),
    signIn: () => undefined,
    catalogues: new Map([[START_URL, { startUrl: START_URL, region: 'eu-west-1', fetchedAt: 0, roles: [{ accountId: '111111111111', accountName: 'hub', roleName: 'Admin' }] }]]),
    history,
    naming: () => ({}),
    notices: [],
    secretsAvailable: true,
    chains: [deploy],
    iamUsers: [alice],
    mfaPrompts: [],
    ...over,
  };
}

describe('the history in the snapshot', () => {
  it('lists chains and IAM users among the roles in use order, with what the tray shows and loads them by', () => {
    const s = snapshotOf(input({ recents: [{ profile: 'deploy' }, admin, { profile: 'alice' }], pinned: [{ profile: 'alice' }] }));
    const role = { key: `${START_URL}|111111111111|Admin`, startUrl: START_URL, accountId: '111111111111', accountName: 'hub', roleName: 'Admin', profileName: '111111111111:Admin' };
    expect(s.history.recents).toEqual([
      { kind: 'chain', profileName: 'deploy', roleArn: deploy.roleArn, via: '111111111111:Admin' },
      { kind: 'role', ...role },
      { kind: 'iam-user', profileName: 'alice', mfaSerial: alice.mfaSerial },
    ]);
    expect(s.history.pinned).toEqual([{ kind: 'iam-user', profileName: 'alice', mfaSerial: alice.mfaSerial }]);
    // The picker's lists stay roles only, as it ranks by their keys.
    expect(s.recents).toEqual([role]);
    expect(s.pinned).toEqual([]);
  });

  it('leaves out a chain or IAM user that is gone, and shows a chain that cannot load with why', () => {
    const broken = { ...deploy, problem: 'There is no profile 111111111111:Admin' };
    const s = snapshotOf(input({ recents: [{ profile: 'removed' }, { profile: 'deploy' }, { profile: 'alice' }], pinned: [{ profile: 'removed' }] }, { chains: [broken], iamUsers: [] }));
    expect(s.history.recents).toEqual([{ kind: 'chain', profileName: 'deploy', roleArn: deploy.roleArn, via: deploy.via, problem: broken.problem }]);
    expect(s.history.pinned).toEqual([]);
  });

  it('a chain and an IAM user of one name: the chain, as a load by that name takes it', () => {
    const s = snapshotOf(input({ recents: [{ profile: 'alice' }], pinned: [] }, { chains: [{ ...deploy, profileName: 'alice' }] }));
    expect(s.history.recents).toEqual([{ kind: 'chain', profileName: 'alice', roleArn: deploy.roleArn, via: deploy.via }]);
  });

  it('is empty before the history is open', () => {
    const { history: _none, ...rest } = input({ recents: [], pinned: [] });
    expect(snapshotOf(rest).history).toEqual({ recents: [], pinned: [] });
  });
});
