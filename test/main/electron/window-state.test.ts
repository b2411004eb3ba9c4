import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createWindowStateStore,
  parseWindowState,
  placeWindow,
  type WindowState,
} from '../../../src/main/electron/window-state';
import { LEVEL, memoryLog } from './log-lines';

const LAPTOP = { x: 0, y: 0, width: 1440, height: 875 };
const MONITOR_RIGHT = { x: 1440, y: 0, width: 2560, height: 1400 };

const state = (x: number, y: number, width: number, height: number, maximized = false): WindowState => ({
  version: 1,
  bounds: { x, y, width, height },
  maximized,
});

describe('parseWindowState', () => {
  it('accepts a version-1 state', () => {
    expect(
      parseWindowState({ version: 1, bounds: { x: -5, y: 10, width: 1300, height: 800 }, maximized: true }),
    ).toEqual(state(-5, 10, 1300, 800, true));
  });

  it('rejects other versions, missing or fractional fields, absurd sizes and extra keys', () => {
    expect(
      [
        { version: 2, bounds: { x: 0, y: 0, width: 1300, height: 800 }, maximized: false },
        { version: 1, bounds: { x: 0, y: 0, width: 1300 }, maximized: false },
        { version: 1, bounds: { x: 0.5, y: 0, width: 1300, height: 800 }, maximized: false },
        { version: 1, bounds: { x: 0, y: 0, width: 0, height: 800 }, maximized: false },
        { version: 1, bounds: { x: 0, y: 0, width: 1e9, height: 800 }, maximized: false },
        { version: 1, bounds: { x: 0, y: 0, width: 1300, height: 800 }, maximized: 'yes' },
        { version: 1, bounds: { x: 0, y: 0, width: 1300, height: 800 }, maximized: false, extra: 1 },
        null,
        'window',
      ].map(parseWindowState),
    ).toEqual([null, null, null, null, null, null, null, null, null]);
  });
});

describe('placeWindow', () => {
  it('opens at the default size, centred by the OS, when nothing was saved', () => {
    expect(placeWindow(null, [LAPTOP], LAPTOP)).toEqual({
      bounds: { width: 1440, height: 875 },
      maximized: false,
    });
    expect(placeWindow(null, [MONITOR_RIGHT], MONITOR_RIGHT)).toEqual({
      bounds: { width: 1440, height: 900 },
      maximized: false,
    });
  });

  it('keeps a saved window that is fully visible exactly where it was', () => {
    expect(placeWindow(state(1600, 100, 1800, 1000, true), [LAPTOP, MONITOR_RIGHT], LAPTOP)).toEqual({
      bounds: { x: 1600, y: 100, width: 1800, height: 1000 },
      maximized: true,
    });
  });

  it('recentres on the primary display when the saved monitor is gone', () => {
    expect(placeWindow(state(1600, 100, 1800, 1000, true), [LAPTOP], LAPTOP)).toEqual({
      bounds: { width: 1440, height: 875 },
      maximized: true,
    });
  });

  it('moves a window hanging off the edge back inside its display', () => {
    expect(placeWindow(state(1000, -30, 1200, 800), [LAPTOP], LAPTOP)).toEqual({
      bounds: { x: 240, y: 0, width: 1200, height: 800 },
      maximized: false,
    });
  });

  it('shrinks a window larger than its display to fit it', () => {
    expect(placeWindow(state(0, 0, 3000, 2000), [LAPTOP], LAPTOP)).toEqual({
      bounds: { x: 0, y: 0, width: 1440, height: 875 },
      maximized: false,
    });
  });

  it('grows a window below the minimum size to the minimum', () => {
    expect(placeWindow(state(50, 50, 300, 200), [LAPTOP], LAPTOP)).toEqual({
      bounds: { x: 50, y: 50, width: 1024, height: 640 },
      maximized: false,
    });
  });

  it('treats a window with only a sliver of title bar on screen as lost', () => {
    expect(placeWindow(state(1400, 200, 1200, 800), [LAPTOP], LAPTOP)).toEqual({
      bounds: { width: 1440, height: 875 },
      maximized: false,
    });
  });

  it('picks the display holding most of the title bar', () => {
    expect(placeWindow(state(1300, 50, 1000, 700), [LAPTOP, MONITOR_RIGHT], LAPTOP)).toEqual({
      bounds: { x: 1440, y: 50, width: 1024, height: 700 },
      maximized: false,
    });
  });
});

describe('createWindowStateStore', () => {
  const dirs: string[] = [];
  const tempFile = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'chainlens-window-'));
    dirs.push(dir);
    return join(dir, 'nested', 'window-state.json');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('reads back exactly what it saved, leaving no temporary file', () => {
    const file = tempFile();
    const store = createWindowStateStore(file, memoryLog().logger);
    store.save(state(12, 34, 1500, 950, true));
    expect(store.load()).toEqual(state(12, 34, 1500, 950, true));
    expect(readdirSync(join(file, '..'))).toEqual(['window-state.json']);
  });

  it('returns null without complaint when nothing was saved yet', async () => {
    const log = memoryLog();
    expect(createWindowStateStore(tempFile(), log.logger).load()).toBeNull();
    expect(await log.lines()).toEqual([]);
  });

  it('ignores and reports a corrupt or foreign file', async () => {
    const file = tempFile();
    const log = memoryLog();
    const store = createWindowStateStore(file, log.logger);
    store.save(state(0, 0, 1200, 800));
    writeFileSync(file, '{"version":1,"bounds":');
    expect(store.load()).toBeNull();
    writeFileSync(file, '{"version":1,"bounds":{"x":0,"y":0,"width":-1,"height":800},"maximized":false}');
    expect(store.load()).toBeNull();
    expect((await log.lines()).map((l) => [l.level, l.code])).toEqual([
      [LEVEL.warn, 'SHELL_WINDOW_STATE_INVALID'],
      [LEVEL.warn, 'SHELL_WINDOW_STATE_INVALID'],
    ]);
    expect(existsSync(file)).toBe(true);
  });
});
