import { ipcMain, type BrowserWindow } from 'electron';
import { channelOf, OPERATION_NAMES, STATE_CHANNEL } from '../../preload/api';
import { createDoor, type AppFacade } from '../app/ipc-door';
import { desktopResult, desktopState } from '../shell/port-advice';

/** One handler per operation of preload/api.ts, all through the door; state pushed to the window as the desktop words it. */
export function registerIpc(core: AppFacade, win: BrowserWindow, isAppPage: (url: string | undefined) => boolean, log: (m: string) => void): () => void {
  const ops = { ...core.ops, getState: async () => ({ ok: true as const, value: desktopState(core.state()) }) };
  const door = createDoor(ops, isAppPage, log);
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(channelOf(name), async (event, arg: unknown) => desktopResult(await door(name, event.senderFrame?.url, arg)));
  }
  const unsubscribe = core.subscribe((state) => {
    if (!win.isDestroyed()) win.webContents.send(STATE_CHANNEL, desktopState(state));
  });
  return () => {
    unsubscribe();
    for (const name of OPERATION_NAMES) ipcMain.removeHandler(channelOf(name));
  };
}
