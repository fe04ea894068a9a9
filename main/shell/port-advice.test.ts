import { describe, expect, it } from 'vitest';
import { appState } from '../../test-support/app-state';
import { PORT_IN_USE_ADVICE } from '../server/listener';
import { desktopResult, desktopState } from './port-advice';

const IN_USE = `Port 4144 on 127.0.0.1 is already in use (another RoleTray or credential server?). ${PORT_IN_USE_ADVICE}`;

describe('the desktop port advice', () => {
  it('speaks of Server › Port, not --port, in the state and in answers', () => {
    const desktop = 'Port 4144 on 127.0.0.1 is already in use (another RoleTray or credential server?). Stop it, or choose another port under Server › Port.';
    const state = desktopState(appState({ server: { ...appState().server, listening: false, error: IN_USE } }));
    expect(state.server.error).toBe(desktop);
    expect(desktopResult({ ok: false, error: IN_USE })).toEqual({ ok: false, error: desktop });
  });

  it('leaves a state without a port problem untouched', () => {
    const state = appState();
    expect(desktopState(state)).toBe(state);
    expect(desktopResult({ ok: true, value: 1 })).toEqual({ ok: true, value: 1 });
  });
});
