// The only door between the window and the main process. Sandboxed: bundled to one CommonJS file.
// One named function per operation of the contract; no generic invoke is exposed.
import { contextBridge, ipcRenderer } from 'electron';
import { channelOf, STATE_CHANNEL, type AppState, type Arg, type OperationName, type Result, type Ret, type RoleTrayApi } from './api';

function call<K extends OperationName>(name: K): (arg?: Arg<K>) => Promise<Result<Ret<K>>> {
  const channel = channelOf(name);
  return (arg) => ipcRenderer.invoke(channel, arg) as Promise<Result<Ret<K>>>;
}

const api: RoleTrayApi = {
  getState: call('getState'),
  listRoles: call('listRoles'),
  signIn: call('signIn'),
  cancelSignIn: call('cancelSignIn'),
  signOut: call('signOut'),
  refreshCatalog: call('refreshCatalog'),
  loadRole: call('loadRole'),
  loadCredentials: call('loadCredentials'),
  unload: call('unload'),
  unloadAll: call('unloadAll'),
  setPinned: call('setPinned'),
  generateToken: call('generateToken'),
  setToken: call('setToken'),
  revealToken: call('revealToken'),
  deleteToken: call('deleteToken'),
  setTokenFile: call('setTokenFile'),
  saveTls: call('saveTls'),
  generateTls: call('generateTls'),
  exportCa: call('exportCa'),
  deleteTls: call('deleteTls'),
  setTlsDisabled: call('setTlsDisabled'),
  updateSettings: call('updateSettings'),
  envLines: call('envLines'),
  credentialProcessLines: call('credentialProcessLines'),
  slotAccess: call('slotAccess'),
  openExternal: call('openExternal'),
  openConsole: call('openConsole'),
  dismissNotice: call('dismissNotice'),
  writeAwsProfiles: call('writeAwsProfiles'),
  runDoctor: call('runDoctor'),
  loadProfile: call('loadProfile'),
  loadAssumed: call('loadAssumed'),
  saveChain: call('saveChain'),
  removeChain: call('removeChain'),
  addIamUser: call('addIamUser'),
  removeIamUser: call('removeIamUser'),
  rotateIamUser: call('rotateIamUser'),
  answerMfa: call('answerMfa'),
  cancelMfa: call('cancelMfa'),
  onState(listener) {
    const handler = (_event: unknown, state: AppState) => listener(state);
    ipcRenderer.on(STATE_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(STATE_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('roletray', api);
