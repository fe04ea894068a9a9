import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCreds } from '../../test-support/credentials';
import { rawRequest } from '../../test-support/http';
import { generateLocalTls } from '../tls/generate';
import { createCredentialService, type CredentialService } from './service';

let service: CredentialService | undefined;
const blockers: net.Server[] = [];

afterEach(async () => {
  await service?.server.stop();
  for (const b of blockers.splice(0)) b.close();
});

async function busyPort(): Promise<number> {
  const blocker = net.createServer();
  blockers.push(blocker);
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  return (blocker.address() as net.AddressInfo).port;
}

function loaded(): CredentialService {
  service = createCredentialService();
  service.slots.load('', { profileName: 'dev', credentials: { ...makeCreds(), accountId: '012345678901' } });
  return service;
}

describe('CredentialServer', () => {
  it('reports a busy port at start, with the port in the message, and is not listening', async () => {
    const port = await busyPort();
    const s = loaded();
    await expect(s.server.apply({ port })).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use`);
    expect(s.server.status()).toMatchObject({ listening: false, error: expect.stringContaining(String(port)) });
  });

  it('keeps serving on the old port when a move to a busy port fails', async () => {
    const s = loaded();
    const first = await s.server.apply({ port: 0 });
    const port = await busyPort();
    await expect(s.server.apply({ port })).rejects.toThrow(/already in use/);
    expect(s.server.status()).toMatchObject({ listening: true, port: first.port, error: expect.stringContaining('in use') });
    expect((await rawRequest(first.port, { path: '/' })).status).toBe(200);
  });

  it('moves to a new port, freeing the old one, with the slots still loaded', async () => {
    const s = loaded();
    const first = await s.server.apply({ port: 0 });
    const second = await s.server.apply({ port: 0 });
    expect(second.port).not.toBe(first.port);
    await expect(rawRequest(first.port, { path: '/' })).rejects.toThrow(/ECONNREFUSED/);
    expect((await rawRequest(second.port, { path: '/' })).status).toBe(200);
    expect(s.server.status().error).toBeUndefined();
  });

  it('switches http → https → http on the same port in place', async () => {
    const s = loaded();
    const plain = await s.server.apply({ port: 0 });
    const tls = await generateLocalTls(Date.now());
    const secure = await s.server.apply({ port: plain.port, tls: { cert: tls.cert, key: tls.key } });
    expect(secure).toMatchObject({ port: plain.port, https: true, url: `https://127.0.0.1:${plain.port}/` });
    const res = await fetch(`http://127.0.0.1:${plain.port}/`).catch((e: Error) => e);
    expect(res).toBeInstanceOf(Error);
    const back = await s.server.apply({ port: plain.port });
    expect(back.https).toBe(false);
    expect((await rawRequest(plain.port, { path: '/' })).status).toBe(200);
  });

  it('refuses to listen anywhere but loopback', async () => {
    const s = loaded();
    await expect(s.server.apply({ port: 0, host: '0.0.0.0' })).rejects.toThrow(/loopback only/);
  });

  it('allows a container address only with TLS and a token', async () => {
    const s = loaded();
    await expect(s.server.apply({ port: 0, extraAddresses: ['127.0.0.2'] })).rejects.toThrow(/both TLS and a bearer token/);
    expect(s.server.status().listening).toBe(false);
  });

  it('announces status changes', async () => {
    const s = loaded();
    const seen: boolean[] = [];
    s.server.subscribe((st) => seen.push(st.listening));
    await s.server.apply({ port: 0 });
    await s.server.stop();
    expect(seen).toEqual([true, false]);
  });
});
