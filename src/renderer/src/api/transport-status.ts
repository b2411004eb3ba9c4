/** The state of the page's link to the engine, as the connection banner shows it. */
export type TransportState = 'connecting' | 'open' | 'reconnecting' | 'unauthorized';

export interface TransportStatus {
  readonly state: TransportState;
  /** Reconnect attempts since the link was last open. */
  readonly attempt: number;
  /** Delay before the next attempt, when one is scheduled. */
  readonly retryInMs: number | null;
  /** Close code of the last drop (1006 for an abnormal close), null before any. */
  readonly lastCloseCode: number | null;
  /** True once the link has been open at least once. */
  readonly everOpened: boolean;
}

/** The Electron transport has no socket of its own: it is open for the window's lifetime. */
export const ALWAYS_OPEN: TransportStatus = {
  state: 'open',
  attempt: 0,
  retryInMs: null,
  lastCloseCode: null,
  everOpened: true,
};

/** Something whose link state can be watched (the WebSocket transport). */
export interface TransportMonitor {
  status(): TransportStatus;
  onStatus(listener: (status: TransportStatus) => void): () => void;
}
