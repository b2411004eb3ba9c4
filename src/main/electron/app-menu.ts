/**
 * The native menu: the usual App/File/Edit/View/Window/Help structure built from Electron's
 * standard roles, plus "Open logs folder" and "Open data folder". Reload and DevTools exist only
 * in development builds; nothing in the menu talks to the renderer.
 */
import type { MenuItemSpec } from './electron-ports';

export interface MenuActions {
  openLogsFolder(): void;
  openDataFolder(): void;
  openApiDocs(): void;
}

export interface MenuOptions {
  /** macOS gets the app menu and keeps Quit there. */
  readonly isMac: boolean;
  /** Development builds add Reload, Force Reload and DevTools. */
  readonly isDevelopment: boolean;
  readonly actions: MenuActions;
}

export const DHANHQ_DOCS_URL = 'https://dhanhq.co/docs/v2/';

export function buildMenuTemplate(options: MenuOptions): MenuItemSpec[] {
  const { isMac, isDevelopment, actions } = options;
  const separator: MenuItemSpec = { type: 'separator' };
  const folders: MenuItemSpec[] = [
    { label: 'Open Logs Folder', click: () => actions.openLogsFolder() },
    { label: 'Open Data Folder', click: () => actions.openDataFolder() },
  ];
  const developmentItems: MenuItemSpec[] = isDevelopment
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator]
    : [];
  return [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemSpec] : []),
    { label: 'File', submenu: [...folders, separator, isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...developmentItems,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'DhanHQ API Documentation', click: () => actions.openApiDocs() },
        separator,
        ...folders,
      ],
    },
  ];
}
