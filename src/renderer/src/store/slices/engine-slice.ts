import type { ApiErrorPayload } from '../../../../shared/api/api-contract';
import type { AppState } from '../../../../shared/api/view-types';
import type { SliceCreator } from '../store-types';

/** The engine's low-rate AppState, pushed on change. */
export interface EngineSlice {
  readonly appState: AppState | null;
  /** Why getAppState failed, until an AppState arrives. */
  readonly appStateError: ApiErrorPayload | null;
  /** When the AppState arrived (page clock), to age its lastPacketAgeMs. */
  readonly appStateAtMs: number | null;
  setAppState(appState: AppState, receivedAtMs: number): void;
  setAppStateError(error: ApiErrorPayload): void;
}

export const createEngineSlice: SliceCreator<EngineSlice> = (set) => ({
  appState: null,
  appStateError: null,
  appStateAtMs: null,
  setAppState: (appState, receivedAtMs) => set({ appState, appStateError: null, appStateAtMs: receivedAtMs }),
  setAppStateError: (appStateError) => set({ appStateError }),
});
