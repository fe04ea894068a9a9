import { useEffect, useState } from 'react';
import type { RoleTrayApi } from '../../preload/api';
import { useAppState } from './app-state';
import { MfaPrompts } from './mfa/MfaPrompts';
import { Nav } from './Nav';
import { Notices } from './notices/Notices';
import type { ScreenId } from './screen-id';
import { screenAtHash, screenAtShortcut } from './screen-keys';
import { SCREENS } from './screens';
import { useTabWrap } from './ui/use-tab-wrap';
import { useTheme } from './use-theme';

/** The window once the preload is there: waits for the first snapshot, then the navigation and the chosen screen. */
export function Connected({ api }: { api: RoleTrayApi }) {
  const { state, error } = useAppState(api);
  const [screen, setScreen] = useState<ScreenId>(() => screenAtHash(window.location.hash, SCREENS)?.id ?? 'roles');
  useTheme(state);
  useTabWrap();

  useEffect(() => {
    const onHash = () => {
      const target = screenAtHash(window.location.hash, SCREENS);
      if (target) setScreen(target.id);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = screenAtShortcut(e, SCREENS);
      if (target) {
        e.preventDefault();
        setScreen(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!state) {
    return (
      <main className="standalone" aria-busy={!error}>
        <h1>RoleTray</h1>
        {error ? (
          <p className="op-error" role="alert">
            Could not read RoleTray's state: {error}
          </p>
        ) : (
          <p role="status">Connecting…</p>
        )}
      </main>
    );
  }

  const { Component } = SCREENS.find((s) => s.id === screen)!;
  return (
    <>
      <div className="app">
        <Nav state={state} screen={screen} goTo={setScreen} />
        <main className="content">
          <Notices api={api} notices={state.notices} />
          <Component api={api} state={state} goTo={setScreen} />
        </main>
      </div>
      <MfaPrompts api={api} prompts={state.mfaPrompts} />
    </>
  );
}
