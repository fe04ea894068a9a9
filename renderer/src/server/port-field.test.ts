import { describe, expect, it } from 'vitest';
import { portProblem } from './port-field';

describe('the Port field', () => {
  it('takes a whole number from 1 to 65535, spaces around it ignored', () => {
    for (const ok of ['1', '4144', '65535', ' 8080 ']) expect(portProblem(ok), ok).toBeUndefined();
  });

  it('says why anything else is not a port', () => {
    for (const bad of ['', '0', '65536', '-1', '1.5', '4e3', 'abc', '80 80', '0x50']) expect(portProblem(bad), bad).toBe('The port must be a whole number from 1 to 65535.');
  });
});
