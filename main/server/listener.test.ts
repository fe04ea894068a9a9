import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listen, PORT_IN_USE_ADVICE, withPortAdvice } from './listener';

describe('a port in use', () => {
  it('is told with the command line\'s advice, which a door can replace with its own', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const error = await listen(() => undefined, { port }).then(
        () => undefined,
        (err: Error) => err.message,
      );
      expect(error).toBe(`Port ${port} on 127.0.0.1 is already in use (another RoleTray or credential server?). ${PORT_IN_USE_ADVICE}`);
      expect(withPortAdvice(error!, 'Choose another port in Settings › Port.')).toBe(
        `Port ${port} on 127.0.0.1 is already in use (another RoleTray or credential server?). Choose another port in Settings › Port.`,
      );
    } finally {
      busy.close();
    }
  });

  it('leaves every other message as it is', () => {
    expect(withPortAdvice('Not allowed to listen on 127.0.0.1:80; choose a port above 1023.', 'x')).toBe('Not allowed to listen on 127.0.0.1:80; choose a port above 1023.');
  });
});
