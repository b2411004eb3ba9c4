import type { ApiErrorPayload } from '../../../../shared/api/api-contract';
import type { DiagnosticsSnapshot, RecordingStatus, SupportBundleResult } from '../../../../shared/api/view-types';
import type { SliceCreator } from '../store-types';

/** Diagnostics arrive about once a second; only the open panel selects them. */
export interface DiagnosticsSlice {
  readonly diagnostics: DiagnosticsSnapshot | null;
  readonly diagnosticsError: ApiErrorPayload | null;
  readonly recording: RecordingStatus | null;
  readonly lastBundle: SupportBundleResult | null;
  setDiagnostics(snapshot: DiagnosticsSnapshot): void;
  setDiagnosticsError(error: ApiErrorPayload): void;
  setRecording(status: RecordingStatus): void;
  setLastBundle(result: SupportBundleResult): void;
}

export const createDiagnosticsSlice: SliceCreator<DiagnosticsSlice> = (set) => ({
  diagnostics: null,
  diagnosticsError: null,
  recording: null,
  lastBundle: null,
  setDiagnostics: (diagnostics) => set({ diagnostics, diagnosticsError: null }),
  setDiagnosticsError: (diagnosticsError) => set({ diagnosticsError }),
  setRecording: (recording) => set({ recording }),
  setLastBundle: (lastBundle) => set({ lastBundle }),
});
