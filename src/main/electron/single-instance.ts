/**
 * One running copy per user: a second launch hands over to the first, which brings its window
 * to the front. Two copies would each open their own DhanHQ feed connections and fight over
 * the account's five-connection limit.
 */
import type { AppPort, BrowserWindowPort } from './electron-ports';
import { focusWindow } from './main-window';

/**
 * Takes the single-instance lock. Returns false in a second instance, which must quit without
 * starting anything; in the first, later launches focus `currentWindow()` (if any yet).
 */
export function claimSingleInstance(
  app: Pick<AppPort, 'requestSingleInstanceLock' | 'on'>,
  currentWindow: () => BrowserWindowPort | null,
): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const window = currentWindow();
    if (window !== null) focusWindow(window);
  });
  return true;
}
