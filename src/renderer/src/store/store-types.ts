/**
 * The one UI store is built from slices; each slice creator sees the whole state so actions can
 * read across slices (choosing an underlying needs the skeleton from the engine slice).
 */
import type { StateCreator } from 'zustand/vanilla';
import type { ChainSlice } from './slices/chain-slice';
import type { ConnectionSlice } from './slices/connection-slice';
import type { DiagnosticsSlice } from './slices/diagnostics-slice';
import type { EngineSlice } from './slices/engine-slice';
import type { UiSlice } from './slices/ui-slice';

export type AppStoreState = ConnectionSlice & EngineSlice & ChainSlice & UiSlice & DiagnosticsSlice;

export type SliceCreator<S> = StateCreator<AppStoreState, [['zustand/persist', unknown]], [], S>;
