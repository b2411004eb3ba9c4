/**
 * Remembers the main window's size, position and maximised state in a small JSON file in
 * userData. What is read back is validated (zod) and clamped onto a display that exists now,
 * so a monitor that was unplugged, a resolution change or a hand-edited file never opens the
 * window off-screen or at an absurd size.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../logging/logger';
import type { Rectangle } from './electron-ports';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE } from './web-preferences';

export const WINDOW_STATE_FILE = 'window-state.json';

/** At least this much of the window's top strip must be on a display to count as visible. */
const MIN_VISIBLE_WIDTH = 120;
const MIN_VISIBLE_HEIGHT = 40;

const COORDINATE = z.number().int().min(-100_000).max(100_000);
const LENGTH = z.number().int().min(1).max(100_000);

const WindowStateSchema = z.strictObject({
  version: z.literal(1),
  bounds: z.strictObject({ x: COORDINATE, y: COORDINATE, width: LENGTH, height: LENGTH }),
  maximized: z.boolean(),
});

export type WindowState = z.infer<typeof WindowStateSchema>;

/** Where the window opens: `x`/`y` are absent when it should be centred by the OS. */
export interface InitialWindowPlacement {
  readonly bounds: { x?: number; y?: number; width: number; height: number };
  readonly maximized: boolean;
}

/** Validates parsed JSON; null for anything that is not a version-1 window state. */
export function parseWindowState(value: unknown): WindowState | null {
  const parsed = WindowStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * Fits saved bounds onto the current displays: the display overlapping the window's top strip
 * most wins; the size shrinks to that display's work area (never below the minimum window
 * size) and the position moves inside it. With no usable overlap the window opens centred on
 * the primary display at the default size.
 */
export function placeWindow(
  state: WindowState | null,
  workAreas: readonly Rectangle[],
  primaryWorkArea: Rectangle,
): InitialWindowPlacement {
  const fallback = (): InitialWindowPlacement => ({
    bounds: {
      width: Math.min(DEFAULT_WINDOW_SIZE.width, Math.max(MIN_WINDOW_SIZE.width, primaryWorkArea.width)),
      height: Math.min(DEFAULT_WINDOW_SIZE.height, Math.max(MIN_WINDOW_SIZE.height, primaryWorkArea.height)),
    },
    maximized: state?.maximized ?? false,
  });
  if (state === null) return fallback();

  const titleStrip: Rectangle = {
    ...state.bounds,
    height: Math.min(state.bounds.height, MIN_VISIBLE_HEIGHT),
  };
  let best: Rectangle | null = null;
  let bestOverlap = 0;
  for (const area of workAreas) {
    const overlap = intersection(titleStrip, area);
    if (
      overlap !== null &&
      overlap.width >= MIN_VISIBLE_WIDTH &&
      overlap.width * overlap.height > bestOverlap
    ) {
      best = area;
      bestOverlap = overlap.width * overlap.height;
    }
  }
  if (best === null) return fallback();

  const width = clamp(state.bounds.width, MIN_WINDOW_SIZE.width, Math.max(MIN_WINDOW_SIZE.width, best.width));
  const height = clamp(
    state.bounds.height,
    MIN_WINDOW_SIZE.height,
    Math.max(MIN_WINDOW_SIZE.height, best.height),
  );
  const x = clamp(state.bounds.x, best.x, best.x + best.width - width);
  const y = clamp(state.bounds.y, best.y, best.y + best.height - height);
  return { bounds: { x, y, width, height }, maximized: state.maximized };
}

export interface WindowStateStore {
  /** Reads the saved state; a missing file is normal, a bad one is logged and ignored. */
  load(): WindowState | null;
  /** Writes atomically (temp file + rename) so a crash mid-write never leaves a torn file. */
  save(state: WindowState): void;
}

export function createWindowStateStore(filePath: string, logger: Logger): WindowStateStore {
  return {
    load() {
      let text: string;
      try {
        text = readFileSync(filePath, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        logger.warn(
          { code: 'SHELL_WINDOW_STATE_INVALID', error: String(error) },
          'could not read the window state',
        );
        return null;
      }
      let state: WindowState | null;
      try {
        state = parseWindowState(JSON.parse(text));
      } catch {
        // Not JSON at all: reported below exactly like JSON of the wrong shape.
        state = null;
      }
      if (state === null) {
        logger.warn(
          { code: 'SHELL_WINDOW_STATE_INVALID', file: filePath },
          'ignored a malformed window state file',
        );
      }
      return state;
    },
    save(state) {
      try {
        mkdirSync(dirname(filePath), { recursive: true });
        const temporary = `${filePath}.tmp`;
        writeFileSync(temporary, `${JSON.stringify(state)}\n`, 'utf8');
        renameSync(temporary, filePath);
      } catch (error) {
        logger.warn(
          { code: 'SHELL_WINDOW_STATE_INVALID', error: String(error) },
          'could not save the window state',
        );
      }
    },
  };
}

function intersection(a: Rectangle, b: Rectangle): Rectangle | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}
