import { describe, expect, it } from 'vitest';
import { resolveAppMode, versionInfo } from '../../../src/main/electron/app-identity';
import { FakeProcess } from './fake-electron';

describe('resolveAppMode', () => {
  it('runs live unless --demo or CHAINLENS_MODE=demo asks for the simulated market', () => {
    expect(resolveAppMode(['ChainLens'], {})).toBe('live');
    expect(resolveAppMode(['ChainLens', '--demo'], {})).toBe('demo');
    expect(resolveAppMode(['ChainLens'], { CHAINLENS_MODE: 'demo' })).toBe('demo');
    expect(resolveAppMode(['ChainLens'], { CHAINLENS_MODE: 'live' })).toBe('live');
  });
});

describe('versionInfo', () => {
  it('reports the app, Node, Electron and Chromium versions and the platform', () => {
    expect(versionInfo('1.2.3', new FakeProcess([], {}, 'win32'))).toEqual({
      app: '1.2.3',
      node: '22.20.0',
      electron: '45.5.0',
      chromium: '142.0.0.0',
      platform: 'win32-x64',
    });
  });

  it('reports null Electron and Chromium versions in plain Node', () => {
    expect(versionInfo('1.2.3', { versions: { node: '20.20.0' }, platform: 'linux', arch: 'arm64' })).toEqual(
      {
        app: '1.2.3',
        node: '20.20.0',
        electron: null,
        chromium: null,
        platform: 'linux-arm64',
      },
    );
  });
});
