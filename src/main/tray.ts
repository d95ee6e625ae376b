/**
 * Renders a TrayModel (computed in src/core/tray) with Electron's Tray: icon by level (colour and
 * shape, resources/tray/{level}.png), tooltip, count next to the icon on macOS, and the menu.
 */
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import type { TrayModel } from '../core/tray/model';

export interface TrayActions {
  openDashboard(): void;
  openAlert(alertId: string): void;
  snoozeAll(minutes: number): void;
  setNotificationsPaused(paused: boolean): void;
  /** Quits and installs the downloaded update (offered only when one is ready). */
  restartToUpdate(): void;
  quit(): void;
}

/** The menu for a model, in the model's language (pure: tests click its items). */
export function trayMenuTemplate(model: TrayModel, actions: TrayActions): MenuItemConstructorOptions[] {
  const text = model.menu;
  const items: MenuItemConstructorOptions[] = [{ label: text.open, click: () => actions.openDashboard() }, { type: 'separator' }];
  if (model.topAlerts.length) {
    items.push({ label: text.activeAlerts, enabled: false });
    for (const alert of model.topAlerts) {
      items.push({ label: `${alert.severity === 'critical' ? '●' : '▲'} ${alert.label}`, click: () => actions.openAlert(alert.id) });
    }
    items.push({
      label: text.snoozeAll,
      submenu: text.snoozeChoices.map((c) => ({ label: c.label, click: () => actions.snoozeAll(c.minutes) })),
    });
  } else {
    items.push({ label: text.noAlerts, enabled: false });
  }
  items.push({
    label: text.pause,
    type: 'checkbox',
    checked: model.notificationsPaused,
    click: () => actions.setNotificationsPaused(!model.notificationsPaused),
  });
  items.push({ type: 'separator' });
  if (model.sources.length) {
    items.push({
      label: text.sources,
      submenu: model.sources.map((s) => ({ label: s.menuLabel, enabled: false })),
    });
  } else {
    items.push({ label: text.noSources, enabled: false });
  }
  items.push({ type: 'separator' });
  // Next to Quit: a tray app is rarely quit, so a downloaded update would otherwise wait for the next reboot.
  if (model.updateReady) items.push({ label: text.restartToUpdate, click: () => actions.restartToUpdate() });
  items.push({ label: text.quit, click: () => actions.quit() });
  return items;
}

export class TrayService {
  private tray: Tray | null = null;
  private level: TrayModel['level'] | null = null;
  private menuKey = '';

  constructor(
    private readonly iconDir: string,
    private readonly actions: TrayActions,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  render(model: TrayModel): void {
    const icon = nativeImage.createFromPath(join(this.iconDir, `${model.level}.png`));
    if (!this.tray) {
      this.tray = new Tray(icon);
      // Windows and most Linux trays: a click opens the dashboard; the menu is on right click.
      this.tray.on('click', () => this.actions.openDashboard());
    } else if (this.level !== model.level) {
      this.tray.setImage(icon);
    }
    this.level = model.level;
    this.tray.setToolTip(model.tooltip);
    if (this.platform === 'darwin') this.tray.setTitle(model.title);
    // Rebuilt only when its content changes: replacing an open menu would close it under the cursor.
    const key = JSON.stringify([model.topAlerts, model.sources, model.notificationsPaused, model.updateReady, model.menu]);
    if (key !== this.menuKey) {
      this.menuKey = key;
      this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(model, this.actions)));
    }
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
  }
}
