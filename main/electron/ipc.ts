import { ipcMain, type BrowserWindow } from 'electron';
import { channelOf, OPERATION_NAMES, STATE_CHANNEL } from '../../preload/api';
import { createDoor, isAppPage, type AppFacade } from '../app/ipc-door';

/** One handler per operation of preload/api.ts, all through the door; state pushed to the window. */
export function registerIpc(core: AppFacade, win: BrowserWindow, pageUrl: string, log: (m: string) => void): () => void {
  const door = createDoor(core.ops, (url) => isAppPage(url, pageUrl), log);
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(channelOf(name), (event, arg: unknown) => door(name, event.senderFrame?.url, arg));
  }
  const unsubscribe = core.subscribe((state) => {
    if (!win.isDestroyed()) win.webContents.send(STATE_CHANNEL, state);
  });
  return () => {
    unsubscribe();
    for (const name of OPERATION_NAMES) ipcMain.removeHandler(channelOf(name));
  };
}
