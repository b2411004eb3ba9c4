import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuActions } from '../../../src/main/electron/app-menu';
import type { MenuItemSpec } from '../../../src/main/electron/electron-ports';

function recorder() {
  const calls: string[] = [];
  const actions: MenuActions = {
    openLogsFolder: () => calls.push('logs'),
    openDataFolder: () => calls.push('data'),
    openApiDocs: () => calls.push('docs'),
  };
  return { actions, calls };
}

/** The menu as "label-or-role" paths, separators as '---'. */
function outline(items: readonly MenuItemSpec[]): unknown[] {
  return items.map((item) => {
    const name = item.type === 'separator' ? '---' : (item.label ?? item.role);
    return item.submenu === undefined ? name : { [String(name)]: outline(item.submenu) };
  });
}

function find(items: readonly MenuItemSpec[], label: string): MenuItemSpec | undefined {
  for (const item of items) {
    if (item.label === label) return item;
    const inner = item.submenu === undefined ? undefined : find(item.submenu, label);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

describe('buildMenuTemplate', () => {
  it('builds the Windows/Linux production menu from standard roles and the folder items', () => {
    expect(
      outline(buildMenuTemplate({ isMac: false, isDevelopment: false, actions: recorder().actions })),
    ).toEqual([
      { File: ['Open Logs Folder', 'Open Data Folder', '---', 'quit'] },
      'editMenu',
      { View: ['resetZoom', 'zoomIn', 'zoomOut', '---', 'togglefullscreen'] },
      'windowMenu',
      { help: ['DhanHQ API Documentation', '---', 'Open Logs Folder', 'Open Data Folder'] },
    ]);
  });

  it('puts the app menu first on macOS and closes the window from File', () => {
    expect(
      outline(buildMenuTemplate({ isMac: true, isDevelopment: false, actions: recorder().actions })).slice(
        0,
        2,
      ),
    ).toEqual(['appMenu', { File: ['Open Logs Folder', 'Open Data Folder', '---', 'close'] }]);
  });

  it('offers Reload and DevTools only in development builds', () => {
    const development = buildMenuTemplate({ isMac: false, isDevelopment: true, actions: recorder().actions });
    expect(outline(development)[2]).toEqual({
      View: [
        'reload',
        'forceReload',
        'toggleDevTools',
        '---',
        'resetZoom',
        'zoomIn',
        'zoomOut',
        '---',
        'togglefullscreen',
      ],
    });
    const production = JSON.stringify(
      outline(buildMenuTemplate({ isMac: false, isDevelopment: false, actions: recorder().actions })),
    );
    expect(production.includes('reload') || production.includes('toggleDevTools')).toBe(false);
  });

  it('runs the folder and documentation actions from their items', () => {
    const { actions, calls } = recorder();
    const template = buildMenuTemplate({ isMac: false, isDevelopment: false, actions });
    find(template, 'Open Logs Folder')?.click?.();
    find(template, 'Open Data Folder')?.click?.();
    find(template, 'DhanHQ API Documentation')?.click?.();
    expect(calls).toEqual(['logs', 'data', 'docs']);
  });
});
