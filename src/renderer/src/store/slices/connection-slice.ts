import { ALWAYS_OPEN, type TransportStatus } from '../../api/transport-status';
import type { SliceCreator } from '../store-types';

/** The page's link to the engine (always open inside Electron). */
export interface ConnectionSlice {
  readonly connection: TransportStatus;
  setConnection(status: TransportStatus): void;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set) => ({
  connection: ALWAYS_OPEN,
  setConnection: (connection) => set({ connection }),
});
