import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import type { AppState } from '../../preload/api';
import { trayMenu, type TrayAction, type TrayIcon, type TrayItem, type TrayOptions } from '../tray/tray-menu';

function template(items: TrayItem[], onAction: (a: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: item.label, enabled: false };
      case 'submenu':
        return { label: item.label, submenu: template(item.items, onAction) };
      case 'action':
        return {
          label: item.label,
          enabled: item.enabled ?? true,
          ...(item.checked !== undefined ? { type: 'checkbox' as const, checked: item.checked } : {}),
          click: () => onAction(item.action),
        };
    }
  });
}

/** The tray icon and menu, drawn from `trayMenu(state)` whenever the shell says (state changes, the countdown's deadlines). */
export class AppTray {
  private readonly tray: Tray;
  private readonly icons = new Map<TrayIcon, Electron.NativeImage>();

  constructor(
    private readonly assets: string,
    private readonly platform: NodeJS.Platform,
    private readonly options: TrayOptions,
    private readonly onAction: (a: TrayAction) => void,
  ) {
    this.tray = new Tray(this.icon('idle'));
    // Windows people expect a left click on the icon to open the app; the menu is on the right button.
    if (platform === 'win32') this.tray.on('click', () => onAction({ type: 'open' }));
  }

  show(state: AppState, now: number): void {
    const model = trayMenu(state, now, this.options);
    this.tray.setImage(this.icon(model.icon));
    this.tray.setToolTip(model.tooltip);
    if (this.platform === 'darwin') this.tray.setTitle(model.title);
    this.tray.setContextMenu(Menu.buildFromTemplate(template(model.items, this.onAction)));
  }

  destroy(): void {
    this.tray.destroy();
  }

  private icon(kind: TrayIcon): Electron.NativeImage {
    let image = this.icons.get(kind);
    if (!image) {
      // macOS: black template images the menu bar tints; elsewhere the coloured ones. @2x is picked up by name.
      const file = this.platform === 'darwin' ? `${kind}Template.png` : `${kind}.png`;
      image = nativeImage.createFromPath(join(this.assets, file));
      if (this.platform === 'darwin') image.setTemplateImage(true);
      this.icons.set(kind, image);
    }
    return image;
  }
}
