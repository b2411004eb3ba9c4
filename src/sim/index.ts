/**
 * The simulated DhanHQ: a real HTTP and WebSocket server on 127.0.0.1 speaking DhanHQ v2 — the
 * demo market and the server behind integration, E2E, fault and benchmark tests.
 */
export { startSimulator } from './simulator';
export type {
  MarketView,
  SimExpiryListing,
  SimQuote,
  SimSkeleton,
  SimStats,
  SimStrike,
  SimUnderlyingListing,
  SimulatorHandle,
  SimulatorOptions,
} from './simulator-types';
export type {
  ConnectionTarget,
  FaultControl,
  FaultEvent,
  FaultState,
  MalformedKind,
  RestEndpoint,
  RestFault,
  RestFaultSpec,
} from './faults/fault-types';
export { MALFORMED_KINDS } from './faults/fault-types';
export type { ConnectionStats } from './feed/feed-connection';
export type { FeedLimits, FeedStats, FeedTotals } from './feed/feed-hub';
export type { ScripMasterFormat } from './instruments/scrip-master';
export type { MarketHoursMode } from './market/market-hours';
export type { LttConvention } from './market/packet-writer';
export { DEMO_CLIENT_ID, jwtExpiryMs, makeDemoToken } from './auth/demo-token';
export { ManualScheduler } from './util/manual-scheduler';
export { createLineLogger, silentLogger, type SimLogger } from './util/sim-logger';
export * from '../shared/feed/recording-format';
export { RecordingWriter } from './recording/recording-writer';
export { readRecordingFile, type Recording } from './recording/recording-reader';
