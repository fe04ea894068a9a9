// One job: the window's root; it shows the connected app when the preload gave it an api, else how to open it.
// The renderer imports only itself, types from preload/api.ts, and the pure shared layer:
// everything else it asks main for through that api (state flows one way, main → window).
import type { RoleTrayApi } from '../../preload/api';
import { Connected } from './Connected';

export function App({ api }: { api: RoleTrayApi | undefined }) {
  if (!api) {
    return (
      <main className="standalone">
        <h1>RoleTray</h1>
        <p>This window talks to RoleTray through its preload, which is not here. Open it from the RoleTray tray icon, or open the address the dev bridge printed (it ends in <code>#bridge=…</code>).</p>
      </main>
    );
  }
  return <Connected api={api} />;
}
