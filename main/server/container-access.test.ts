import { describe, expect, it } from 'vitest';
import { containerEnvLines, listenPlan, type ListenInputs } from './container-access';

const TLS = { cert: 'C', key: 'K' };
const base: ListenInputs = { port: 4144, tls: TLS, tlsDisabled: false, auth: true, container: { enabled: true, address: '172.17.0.1' } };

describe('listenPlan', () => {
  it('binds the container address only with TLS and a token both on', () => {
    expect(listenPlan(base)).toEqual({
      config: { port: 4144, tls: TLS, extraAddresses: ['172.17.0.1'] },
      hostnames: ['172.17.0.1', 'host.docker.internal'],
    });
  });

  it.each([
    [{ auth: false }, 'Container access is off until a bearer token is on.'],
    [{ tlsDisabled: true }, 'Container access is off until TLS is on.'],
    [{ tls: undefined }, 'Container access is off until TLS is on.'],
    [{ tls: undefined, auth: false }, 'Container access is off until TLS and a bearer token are on.'],
  ])('drops it when %o', (change, why) => {
    const plan = listenPlan({ ...base, ...change });
    expect(plan.config.extraAddresses).toBeUndefined();
    expect(plan.hostnames).toEqual([]);
    expect(plan.containerOff).toBe(why);
  });

  it('serves http when TLS is disabled, keeping nothing else', () => {
    expect(listenPlan({ ...base, tlsDisabled: true, container: { enabled: false, address: '172.17.0.1' } })).toEqual({
      config: { port: 4144, tls: undefined },
      hostnames: [],
    });
  });
});

describe('containerEnvLines', () => {
  it('points a container at host.docker.internal over https with the CA and token file', () => {
    expect(containerEnvLines('sh', { port: 4144, caFile: '/c/ca.pem', token: { file: '/c/token' } })).toEqual([
      'unset AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      "export AWS_CONTAINER_CREDENTIALS_FULL_URI='https://host.docker.internal:4144/'",
      "export AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE='/c/token'",
      `export AWS_CONTAINER_AUTHORIZATION_TOKEN="$(cat '/c/token')"`,
      "export AWS_CA_BUNDLE='/c/ca.pem'",
      "export NODE_EXTRA_CA_CERTS='/c/ca.pem'",
    ]);
  });
});
