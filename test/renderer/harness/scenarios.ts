/**
 * Named states of the fake engine for the harness screenshots: each puts the UI into one of
 * the states a trader or support engineer can meet.
 */
import { problemOf } from '../../../src/shared/errors/app-error';
import { fail, type FakeEngine } from '../fake-api';

export const SCENARIOS = ['live', 'demo', 'cred-missing', 'keychain-unavailable', 'starting', 'master-failed', 'market-closed', 'chain-failed'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export function isScenario(value: string): value is Scenario {
  return (SCENARIOS as readonly string[]).includes(value);
}

/** Streams live batches for these scenarios. */
export function streams(scenario: Scenario): boolean {
  return scenario === 'live' || scenario === 'demo';
}

export function applyScenario(engine: FakeEngine, scenario: Scenario, nowMs: number): void {
  const state = engine.appState;
  switch (scenario) {
    case 'live':
    case 'demo':
      return;
    case 'cred-missing':
    case 'keychain-unavailable': {
      engine.appState = {
        ...state,
        phase: 'degraded',
        feedState: 'awaiting-token',
        lastPacketAgeMs: null,
        credentials: {
          ...state.credentials,
          source: 'none',
          status: 'missing',
          clientIdMasked: null,
          tokenExpiresAtMs: null,
          checkedAtMs: nowMs - 5_000,
          dataPlan: null,
          message: 'No client id or access token in the keychain or the environment',
          remedy: problemOf('CRED_MISSING').remedy,
          keychainAvailable: scenario === 'cred-missing',
        },
        problems: [
          problemOf('CRED_MISSING', 'No client id or access token in the keychain or the environment', nowMs - 5_000),
          ...(scenario === 'keychain-unavailable' ? [problemOf('KEYCHAIN_UNAVAILABLE', 'No Secret Service on the session bus', nowMs - 5_000)] : []),
          problemOf('FEED_NOT_CONNECTED', 'The feed waits for credentials', nowMs - 5_000),
        ],
      };
      engine.handle('selectChain', () => fail('CRED_MISSING', 'No credentials: the option chain cannot be fetched'));
      return;
    }
    case 'starting':
      engine.appState = {
        ...state,
        phase: 'starting',
        skeleton: null,
        defaultSelection: null,
        feedState: 'idle',
        lastPacketAgeMs: null,
        instrumentMaster: { ...state.instrumentMaster, state: 'loading', rowsRead: 0, rowsKept: 0, loadedAtMs: null, date: null, source: null },
        progress: [
          { id: 'credentials', label: 'Credentials', state: 'done', detail: 'Accepted by DhanHQ (plan Active)', done: null, total: null },
          { id: 'master-download', label: 'Instrument master download', state: 'running', detail: '12.4 MB of 38.1 MB', done: 12_400_000, total: 38_100_000 },
          { id: 'master-parse', label: 'Instrument master parse', state: 'running', detail: '71 204 rows', done: 71_204, total: null },
          { id: 'skeleton', label: 'Option-chain skeleton', state: 'pending', detail: '', done: null, total: null },
          { id: 'snapshot', label: 'First snapshot', state: 'pending', detail: '', done: null, total: null },
          { id: 'feed', label: 'Feed connections', state: 'pending', detail: '', done: null, total: null },
        ],
      };
      return;
    case 'master-failed':
      engine.appState = {
        ...state,
        phase: 'failed',
        skeleton: null,
        defaultSelection: null,
        feedState: 'idle',
        instrumentMaster: { ...state.instrumentMaster, state: 'failed', rowsRead: 0, rowsKept: 0, loadedAtMs: null, date: null, source: null },
        progress: state.progress.map((step) =>
          step.id === 'master-download'
            ? { ...step, state: 'failed', detail: 'HTTP 503 from images.dhan.co' }
            : step.id === 'credentials'
              ? step
              : { ...step, state: 'skipped', detail: '' },
        ),
        problems: [problemOf('MASTER_DOWNLOAD_FAILED', 'images.dhan.co answered HTTP 503 twice; no saved copy exists', nowMs - 20_000)],
      };
      return;
    case 'market-closed':
      engine.marketOpen = false;
      engine.chainProblem = problemOf('MARKET_CLOSED', 'The market closed at 15:30 IST; these are the last traded prices', nowMs - 60_000);
      engine.appState = { ...state, feedState: 'market-closed', lastPacketAgeMs: 3_600_000 };
      return;
    case 'chain-failed':
      engine.handle('selectChain', () => fail('CHAIN_UNKNOWN_EXPIRY', 'NIFTY has no expiry 2026-01-20 in today’s instrument master'));
      return;
  }
}
