import { describe, expect, it } from 'vitest';
import { mainWindowOptions, secureWebPreferences } from '../../../src/main/electron/web-preferences';

describe('main window webPreferences', () => {
  it('isolates, sandboxes and locks down the renderer with every switch spelled out', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs', false)).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: false,
    });
  });

  it('allows DevTools only when asked to (development builds)', () => {
    expect(secureWebPreferences('/p.cjs', true).devTools).toBe(true);
  });

  it('builds hidden, minimum-sized, dark window options around the saved bounds', () => {
    expect(mainWindowOptions('/p.cjs', { x: 10, y: 20, width: 1300, height: 800 }, false)).toEqual({
      x: 10,
      y: 20,
      width: 1300,
      height: 800,
      minWidth: 1024,
      minHeight: 640,
      show: false,
      title: 'ChainLens',
      backgroundColor: '#0f1419',
      webPreferences: secureWebPreferences('/p.cjs', false),
    });
  });
});
