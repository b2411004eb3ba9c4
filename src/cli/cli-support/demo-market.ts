/**
 * The simulated DhanHQ for demo runs, started in-process on 127.0.0.1. The engine reaches it
 * through the DHAN_* settings in `env`, exactly as it would reach DhanHQ.
 */
import type { Logger } from '../../main/logging/logger';
import type { Redactor } from '../../main/logging/redactor';
import { startSimulator, type SimulatorHandle } from '../../sim';

export interface DemoMarketOptions {
  /** Default 1: the same market every run. */
  readonly seed?: number;
  /** Default 400: lively but light on a laptop. */
  readonly ticksPerSecond?: number;
  readonly logger: Logger;
  /** The simulator's token is registered here so no log line can carry it. */
  readonly redactor: Redactor;
}

export interface DemoMarket {
  readonly simulator: SimulatorHandle;
  /** DHAN_API_URL, DHAN_FEED_URL, DHAN_SCRIP_MASTER_URL, DHAN_CLIENT_ID, DHAN_ACCESS_TOKEN. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

/** Rejects with AppError SIM_INVALID_OPTIONS or SIM_START_FAILED. */
export async function startDemoMarket(options: DemoMarketOptions): Promise<DemoMarket> {
  const simulator = await startSimulator({
    seed: options.seed ?? 1,
    ticksPerSecond: options.ticksPerSecond ?? 400,
    marketHours: 'always-open',
    logger: options.logger.child({ component: 'simulator' }),
  });
  options.redactor.add(simulator.accessToken);
  return {
    simulator,
    env: () => {
      const env = simulator.env();
      options.redactor.add(env.DHAN_ACCESS_TOKEN);
      return env;
    },
    close: () => simulator.close(),
  };
}
