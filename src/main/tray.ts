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

/**
 * How often the menu is rebuilt when only its figures changed (a longest wait, a latency, how long a
 * source has been down: some change every second while their alert fires).
 */
export const MENU_FIGURES_EVERY_MS = 60_000;

/** A menu open longer than this is taken for closed (its close was not heard). */
const MENU_OPEN_AT_MOST_MS = 120_000;

/** The menu's words without its figures: what makes a change worth rebuilding it at once. */
const wordsOf = (key: string) => key.replace(/\d+(?:[.,\s\u00a0\u202f]\d+)*/g, '#');

export class TrayService {
  private tray: Tray | null = null;
  private level: TrayModel['level'] | null = null;
  private menuKey = '';
  private menuWords = '';
  private menuBuiltAt = -Infinity;
  /** Since when the menu is open (macOS and Windows say so), or null: it is not replaced under the cursor. */
  private menuOpenSince: number | null = null;
  /** The latest model, while the menu is open: rendered when it closes. */
  private waiting: TrayModel | null = null;

  constructor(
    private readonly iconDir: string,
    private readonly actions: TrayActions,
    private readonly platform: NodeJS.Platform = process.platform,
    private readonly now: () => number = Date.now,
  ) {}

  render(model: TrayModel): void {
    const icon = nativeImage.createFromPath(join(this.iconDir, `${model.level}.png`));
    if (!this.tray) {
      this.tray = new Tray(icon);
      // Windows and most Linux trays: a click opens the dashboard; the menu is on right click. On
      // macOS a click opens the menu, and Electron emits 'click' there as well (since 10): opening
      // the dashboard too would bring a window forward each time the menu is looked at.
      if (this.platform !== 'darwin') this.tray.on('click', () => this.actions.openDashboard());
    } else if (this.level !== model.level) {
      this.tray.setImage(icon);
    }
    this.level = model.level;
    this.tray.setToolTip(model.tooltip);
    if (this.platform === 'darwin') this.tray.setTitle(model.title);
    this.renderMenu(model);
  }

  /**
   * Replacing an open menu would close it under the cursor. So the menu is rebuilt when its content
   * changes, at once when its words do (an alert, a state, a label), at most once a minute when only
   * its figures do, and never while it is open: the latest model is rendered when it closes.
   */
  private renderMenu(model: TrayModel): void {
    if (!this.tray) return;
    const key = JSON.stringify([model.topAlerts, model.sources, model.notificationsPaused, model.updateReady, model.menu]);
    if (key === this.menuKey) return;
    // A menu said open for longer than anyone reads one missed its close: it is replaced after all.
    if (this.menuOpenSince !== null && this.now() - this.menuOpenSince < MENU_OPEN_AT_MOST_MS) {
      this.waiting = model;
      return;
    }
    this.menuOpenSince = null;
    const words = wordsOf(key);
    const now = this.now();
    if (words === this.menuWords && now - this.menuBuiltAt < MENU_FIGURES_EVERY_MS) return;
    this.menuKey = key;
    this.menuWords = words;
    this.menuBuiltAt = now;
    const menu = Menu.buildFromTemplate(trayMenuTemplate(model, this.actions));
    menu.on('menu-will-show', () => {
      this.menuOpenSince = this.now();
    });
    menu.on('menu-will-close', () => {
      this.menuOpenSince = null;
      const next = this.waiting;
      this.waiting = null;
      // After the click that closed it has been handled (a click on an item comes after the close).
      if (next) setTimeout(() => this.renderMenu(next), 0);
    });
    this.tray.setContextMenu(menu);
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
  }
}
