/**
 * The UI store: one zustand store built from slices. It holds what the user chose and what the
 * engine reports at low rates (app state, diagnostics about once a second). Ticks never pass
 * through it: chain rows go straight to the grid (see chain/chain-stream.ts).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { isSideFieldId, type SideFieldId } from '../chain/side-fields';
import { createChainSlice } from './slices/chain-slice';
import { createConnectionSlice } from './slices/connection-slice';
import { createDiagnosticsSlice } from './slices/diagnostics-slice';
import { createEngineSlice } from './slices/engine-slice';
import { createUiSlice, STRIKE_WINDOWS, type Theme } from './slices/ui-slice';
import type { AppStoreState } from './store-types';
import type { QuantityUnit } from '../util/format';

export type AppStore = StoreApi<AppStoreState>;

/** The key under which the user's screen choices are saved. */
export const UI_PREFERENCES_KEY = 'chainlens.ui.v1';

export interface PersistedPreferences {
  readonly theme: Theme;
  readonly units: QuantityUnit;
  readonly visibleFields: readonly SideFieldId[];
  readonly chartsOpen: boolean;
  readonly strikeWindow: number;
}

export interface AppStoreOptions {
  /** Where preferences are kept; the page's localStorage in the app, a memory map in tests. */
  readonly storage: StateStorage;
}

export function createAppStore({ storage }: AppStoreOptions): AppStore {
  return createStore<AppStoreState>()(
    persist(
      (...args) => ({
        ...createConnectionSlice(...args),
        ...createEngineSlice(...args),
        ...createChainSlice(...args),
        ...createUiSlice(...args),
        ...createDiagnosticsSlice(...args),
      }),
      {
        name: UI_PREFERENCES_KEY,
        version: 1,
        storage: createJSONStorage(() => storage),
        partialize: (state): PersistedPreferences => ({
          theme: state.theme,
          units: state.units,
          visibleFields: state.visibleFields,
          chartsOpen: state.chartsOpen,
          strikeWindow: state.strikeWindow,
        }),
        merge: (persisted, current) => ({ ...current, ...validPreferences(persisted) }),
      },
    ),
  );
}

/** Keeps only well-formed saved values, so a hand-edited or older entry cannot break the page. */
function validPreferences(saved: unknown): Partial<PersistedPreferences> {
  if (typeof saved !== 'object' || saved === null) return {};
  const s = saved as Record<string, unknown>;
  const out: { -readonly [K in keyof PersistedPreferences]?: PersistedPreferences[K] } = {};
  if (s.theme === 'dark' || s.theme === 'light') out.theme = s.theme;
  if (s.units === 'qty' || s.units === 'lots') out.units = s.units;
  if (Array.isArray(s.visibleFields)) out.visibleFields = s.visibleFields.filter(isSideFieldId);
  if (typeof s.chartsOpen === 'boolean') out.chartsOpen = s.chartsOpen;
  if (typeof s.strikeWindow === 'number' && STRIKE_WINDOWS.includes(s.strikeWindow)) out.strikeWindow = s.strikeWindow;
  return out;
}
