import { describe, expect, it } from 'vitest';
import { jsonLog, levelFrom, redact, REDACTED } from './log';

const NOW = Date.parse('2026-11-25T12:00:00Z');

function capture(level?: Parameters<typeof jsonLog>[1]) {
  const lines: string[] = [];
  return { log: jsonLog((l) => lines.push(l), level, () => NOW), lines, parsed: () => lines.map((l) => JSON.parse(l)) };
}

describe('jsonLog', () => {
  it('writes one JSON line per entry with time, level and message', () => {
    const c = capture();
    c.log.info('server listening', { port: 4144 });
    expect(c.lines).toEqual(['{"time":"2026-11-25T12:00:00.000Z","level":"info","message":"server listening","port":4144}\n']);
  });

  it('drops entries below the level', () => {
    const c = capture('warn');
    c.log.debug('d');
    c.log.info('i');
    c.log.warn('w');
    c.log.error('e');
    expect(c.parsed().map((l) => l.level)).toEqual(['warn', 'error']);
  });

  it('redacts secret-named fields at any depth and secret-looking values anywhere', () => {
    const c = capture();
    c.log.error('load failed', {
      token: 'abc',
      headers: { Authorization: 'Bearer xyz', host: '127.0.0.1:4144' },
      creds: { secretAccessKey: 's3cr3t', sessionToken: 't0k' },
      note: 'key ASIAABCDEFGHIJKLMNOP leaked',
      pem: '-----BEGIN PRIVATE KEY-----\nMIIE',
      list: [{ password: 'p' }],
    });
    const line = c.lines[0]!;
    for (const secret of ['abc', 'xyz', 's3cr3t', 't0k', 'ASIAABCDEFGHIJKLMNOP', 'BEGIN PRIVATE KEY', '"p"']) expect(line).not.toContain(secret);
    expect(c.parsed()[0]).toMatchObject({ token: REDACTED, headers: { Authorization: REDACTED, host: '127.0.0.1:4144' }, creds: { secretAccessKey: REDACTED, sessionToken: REDACTED } });
  });

  it('redacts secrets in the message too', () => {
    const c = capture();
    c.log.warn('got Bearer abcdef from a client');
    expect(c.lines[0]).not.toContain('abcdef');
  });
});

describe('redact and levelFrom', () => {
  it('leaves harmless fields alone', () => {
    expect(redact({ port: 1, path: '/slot/dev', reason: 'Port 4144 is in use' })).toEqual({ port: 1, path: '/slot/dev', reason: 'Port 4144 is in use' });
  });
  it('reads ROLETRAY_LOG_LEVEL, ignoring nonsense', () => {
    expect(levelFrom({ ROLETRAY_LOG_LEVEL: 'debug' })).toBe('debug');
    expect(levelFrom({ ROLETRAY_LOG_LEVEL: 'loud' })).toBe('info');
  });
});
