import { describe, expect, it } from 'vitest';
import { claimSingleInstance } from '../../../src/main/electron/single-instance';
import { secureWebPreferences } from '../../../src/main/electron/web-preferences';
import { FakeApp, createFakeElectron, type FakeBrowserWindow } from './fake-electron';

function aWindow(): FakeBrowserWindow {
  const electron = createFakeElectron({ userData: '/u', logs: '/l' });
  return new electron.BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'ChainLens',
    backgroundColor: '#000',
    webPreferences: secureWebPreferences('/p.cjs', false),
  }) as FakeBrowserWindow;
}

describe('claimSingleInstance', () => {
  it('tells a second copy to quit and registers nothing in it', () => {
    const app = new FakeApp({ userData: '/u', logs: '/l', gotLock: false });
    expect(claimSingleInstance(app, () => null)).toBe(false);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('brings the first copy window back from minimised and focuses it when launched again', () => {
    const app = new FakeApp({ userData: '/u', logs: '/l' });
    const window = aWindow();
    window.minimized = true;
    expect(claimSingleInstance(app, () => window)).toBe(true);
    app.emit('second-instance', {}, ['chainlens'], '/home/trader', {});
    expect([window.minimized, window.visible, window.focused]).toEqual([false, true, 1]);
  });

  it('ignores a second launch that arrives before the window exists', () => {
    const app = new FakeApp({ userData: '/u', logs: '/l' });
    claimSingleInstance(app, () => null);
    expect(() => app.emit('second-instance', {}, [], '/', {})).not.toThrow();
  });
});
