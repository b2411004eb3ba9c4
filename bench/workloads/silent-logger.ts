/** A Logger that keeps nothing: for benchmarks of paths that log only on faults. */
import type { Logger } from '../../src/main/logging/logger';

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
