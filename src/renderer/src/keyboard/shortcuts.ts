/**
 * Keyboard shortcuts, listed once: the handler and the help overlay both read this table.
 * Single keys without modifiers, ignored while typing in a field or while a dialog is open.
 */
import type { ChainStream } from '../chain/chain-stream';
import type { AppStore } from '../store/app-store';
import { STRIKE_WINDOWS } from '../store/slices/ui-slice';

export interface ShortcutContext {
  readonly store: AppStore;
  readonly stream: ChainStream;
}

export interface Shortcut {
  /** Keys as KeyboardEvent.key reports them. */
  readonly keys: readonly string[];
  /** How the help overlay writes the keys. */
  readonly label: string;
  readonly description: string;
  readonly run: (context: ShortcutContext) => void;
}

/** The next window in STRIKE_WINDOWS order (0, "all strikes", is the widest). */
export function stepStrikeWindow(current: number, delta: 1 | -1): number {
  const index = STRIKE_WINDOWS.indexOf(current);
  const next = STRIKE_WINDOWS[Math.max(0, Math.min(STRIKE_WINDOWS.length - 1, (index < 0 ? 0 : index) + delta))];
  return next ?? current;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['u'], label: 'U', description: 'Next underlying', run: ({ store }) => store.getState().stepUnderlying(1) },
  { keys: ['U'], label: 'Shift+U', description: 'Previous underlying', run: ({ store }) => store.getState().stepUnderlying(-1) },
  { keys: ['e'], label: 'E', description: 'Next expiry', run: ({ store }) => store.getState().stepExpiry(1) },
  { keys: ['E'], label: 'Shift+E', description: 'Previous expiry', run: ({ store }) => store.getState().stepExpiry(-1) },
  { keys: ['c'], label: 'C', description: 'Re-centre the chain on the ATM strike', run: ({ stream }) => stream.recentre() },
  {
    keys: [']'],
    label: ']',
    description: 'Wider strike window',
    run: ({ store }) => store.getState().setStrikeWindow(stepStrikeWindow(store.getState().strikeWindow, 1)),
  },
  {
    keys: ['['],
    label: '[',
    description: 'Narrower strike window',
    run: ({ store }) => store.getState().setStrikeWindow(stepStrikeWindow(store.getState().strikeWindow, -1)),
  },
  { keys: ['l'], label: 'L', description: 'OI and volume in quantity or lots', run: ({ store }) => store.getState().toggleUnits() },
  { keys: ['g'], label: 'G', description: 'Show or hide the charts', run: ({ store }) => store.getState().toggleCharts() },
  { keys: ['o'], label: 'O', description: 'Choose columns', run: ({ store }) => store.getState().showPanel('columns') },
  { keys: ['d'], label: 'D', description: 'Open diagnostics', run: ({ store }) => store.getState().showPanel('diagnostics') },
  { keys: ['k'], label: 'K', description: 'Open credentials', run: ({ store }) => store.getState().showPanel('credentials') },
  { keys: ['t'], label: 'T', description: 'Dark or light theme', run: ({ store }) => store.getState().toggleTheme() },
  { keys: ['?'], label: '?', description: 'This help', run: ({ store }) => store.getState().showPanel('help') },
];

export function findShortcut(key: string): Shortcut | undefined {
  return SHORTCUTS.find((shortcut) => shortcut.keys.includes(key));
}

/** True when the key belongs to a text field, a select or an editable element. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const element = target as HTMLElement;
  return element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName);
}
