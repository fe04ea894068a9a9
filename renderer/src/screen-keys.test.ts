import { describe, expect, it } from 'vitest';
import { screenAtShortcut, type KeyPress } from './screen-keys';

const screens = ['roles', 'slots', 'security', 'server', 'settings'];
const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, altKey: false, ctrlKey: false, metaKey: false, ...mods });

describe('screenAtShortcut', () => {
  it('opens the nth screen with Alt+n', () => {
    expect(screenAtShortcut(press('1', { altKey: true }), screens)).toBe('roles');
    expect(screenAtShortcut(press('4', { altKey: true }), screens)).toBe('server');
    expect(screenAtShortcut(press('5', { altKey: true }), screens)).toBe('settings');
  });

  it('ignores digits past the last screen, and Alt+0', () => {
    expect(screenAtShortcut(press('6', { altKey: true }), screens)).toBeUndefined();
    expect(screenAtShortcut(press('0', { altKey: true }), screens)).toBeUndefined();
  });

  it('leaves plain digits to the search box and Ctrl/Cmd combinations to the system', () => {
    expect(screenAtShortcut(press('2'), screens)).toBeUndefined();
    expect(screenAtShortcut(press('2', { altKey: true, ctrlKey: true }), screens)).toBeUndefined();
    expect(screenAtShortcut(press('2', { altKey: true, metaKey: true }), screens)).toBeUndefined();
    expect(screenAtShortcut(press('p', { altKey: true }), screens)).toBeUndefined();
  });
});
