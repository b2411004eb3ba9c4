import { DEFAULT_VISIBLE_FIELDS, SIDE_FIELD_IDS, type SideFieldId } from '../../chain/side-fields';
import type { QuantityUnit } from '../../util/format';
import type { SliceCreator } from '../store-types';

export type Theme = 'dark' | 'light';
export type PanelId = 'diagnostics' | 'credentials' | 'help' | 'columns';

/** Strike windows the selector offers; 0 means every strike. */
export const STRIKE_WINDOWS: readonly number[] = [5, 10, 15, 20, 25, 30, 40, 50, 100, 0];
export const DEFAULT_STRIKE_WINDOW = 15;

/** What the user chose about the screen; the persisted part survives restarts. */
export interface UiSlice {
  readonly theme: Theme;
  readonly units: QuantityUnit;
  readonly visibleFields: readonly SideFieldId[];
  readonly chartsOpen: boolean;
  /** Preferred strikes on each side of ATM; copied into every selection. */
  readonly strikeWindow: number;
  /** At most one dialog at a time. */
  readonly openPanel: PanelId | null;
  toggleTheme(): void;
  toggleUnits(): void;
  setFieldVisible(id: SideFieldId, visible: boolean): void;
  resetColumns(): void;
  toggleCharts(): void;
  showPanel(panel: PanelId): void;
  closePanel(): void;
}

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  theme: 'dark',
  units: 'qty',
  visibleFields: DEFAULT_VISIBLE_FIELDS,
  chartsOpen: true,
  strikeWindow: DEFAULT_STRIKE_WINDOW,
  openPanel: null,
  toggleTheme: () => set({ theme: get().theme === 'dark' ? 'light' : 'dark' }),
  toggleUnits: () => set({ units: get().units === 'qty' ? 'lots' : 'qty' }),
  setFieldVisible: (id, visible) => {
    const current = new Set(get().visibleFields);
    if (visible) current.add(id);
    else current.delete(id);
    // Kept in catalogue order so the persisted list is stable.
    set({ visibleFields: SIDE_FIELD_IDS.filter((f) => current.has(f)) });
  },
  resetColumns: () => set({ visibleFields: DEFAULT_VISIBLE_FIELDS }),
  toggleCharts: () => set({ chartsOpen: !get().chartsOpen }),
  showPanel: (openPanel) => set({ openPanel }),
  closePanel: () => set({ openPanel: null }),
});
