// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, type TransportMonitor, type TransportStatus } from '../../src/renderer/src/api/transport-status';
import { chooseMainView, codesShown, type MainViewInput } from '../../src/renderer/src/components/main-view-state';
import type { ChainInfo } from '../../src/renderer/src/store/slices/chain-slice';
import { problemOf } from '../../src/shared/errors/app-error';
import { ERROR_CATALOG } from '../../src/shared/errors/error-catalog';
import { fail, FAKE_NOW_MS, fakeAppState } from './fake-api';
import { applyScenario } from './harness/scenarios';
import { renderApp, settle } from './helpers';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

/** A link to the engine whose state the test sets. */
class StubMonitor implements TransportMonitor {
  private readonly listeners = new Set<(status: TransportStatus) => void>();
  constructor(private current: TransportStatus) {}
  status(): TransportStatus {
    return this.current;
  }
  onStatus(listener: (status: TransportStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(status: TransportStatus): void {
    this.current = status;
    for (const listener of this.listeners) listener(status);
  }
}

const READY: ChainInfo = { status: 'ready', error: null, problem: null, rowCount: 31, totalStrikes: 81, lotSize: 75 };
const SELECTION = { underlying: 'NIFTY', expiry: '2026-01-20', strikeWindow: 15 };

function input(overrides: Partial<MainViewInput>): MainViewInput {
  return {
    connection: ALWAYS_OPEN,
    appState: fakeAppState('live', FAKE_NOW_MS, 15, 81),
    appStateError: null,
    selection: SELECTION,
    chain: READY,
    ...overrides,
  };
}

describe('choosing what fills the main area', () => {
  const appState = fakeAppState('live', FAKE_NOW_MS, 15, 81);

  it('names every way the grid can be empty', () => {
    const kinds = [
      chooseMainView(input({ connection: { ...ALWAYS_OPEN, state: 'unauthorized' } })),
      chooseMainView(input({ appState: null, connection: { ...ALWAYS_OPEN, state: 'reconnecting' } })),
      chooseMainView(input({ appState: null, appStateError: { code: 'API_INTERNAL', message: 'boom', remedy: 'r' } })),
      chooseMainView(input({ appState: null, connection: { ...ALWAYS_OPEN, state: 'connecting' } })),
      chooseMainView(input({ appState: { ...appState, credentials: { ...appState.credentials, status: 'expired' } }, chain: { ...READY, rowCount: 0 } })),
      chooseMainView(input({ appState: { ...appState, phase: 'starting' }, chain: { ...READY, rowCount: 0 } })),
      chooseMainView(input({ appState: { ...appState, skeleton: null, problems: [problemOf('MASTER_DOWNLOAD_FAILED')] } })),
      chooseMainView(
        input({
          appState: { ...appState, skeleton: { ...appState.skeleton!, counts: { ...appState.skeleton!.counts, tokens: 0 } }, problems: [problemOf('SKELETON_NO_TOKENS')] },
        }),
      ),
      chooseMainView(input({ appState: { ...appState, skeleton: null } })),
      chooseMainView(input({ selection: null })),
      chooseMainView(input({ chain: { ...READY, status: 'failed', rowCount: 0, error: { code: 'CHAIN_UNKNOWN_EXPIRY', message: 'm', remedy: 'r' } } })),
      chooseMainView(input({ chain: { ...READY, status: 'loading', rowCount: 0 } })),
      chooseMainView(input({ chain: { ...READY, rowCount: 0, problem: problemOf('CACHE_EMPTY') } })),
      chooseMainView(input({ chain: { ...READY, rowCount: 0 } })),
    ].map((view) => (view.kind === 'problem' ? `${view.problem.code}:${view.action}` : view.kind === 'waiting' ? `waiting:${view.message}` : view.kind));
    expect(kinds).toEqual([
      'API_UNAUTHORIZED:null',
      'API_DISCONNECTED:null',
      'API_INTERNAL:null',
      'waiting:Connecting to the engine…',
      'CRED_EXPIRED:credentials',
      'progress',
      'MASTER_DOWNLOAD_FAILED:reload-master',
      'SKELETON_NO_TOKENS:reload-master',
      'MASTER_NOT_LOADED:reload-master',
      'waiting:Choose an underlying and an expiry.',
      'CHAIN_UNKNOWN_EXPIRY:null',
      'waiting:Loading the NIFTY 2026-01-20 chain…',
      'CACHE_EMPTY:null',
      'SKELETON_NO_STRIKES:reload-master',
    ]);
  });

  it('keeps showing the rows with a banner when the chain has a problem but still has prices', () => {
    const view = chooseMainView(input({ chain: { ...READY, problem: problemOf('MARKET_CLOSED') } }));
    expect(view).toEqual({ kind: 'grid', banner: problemOf('MARKET_CLOSED'), loading: false });
    expect([...codesShown(view)]).toEqual(['MARKET_CLOSED']);
  });
});

describe('empty and error states on screen', () => {
  it('shows a failed instrument master with its code, message, remedy and a working reload button', async () => {
    const app = await renderApp({ prepare: (engine) => applyScenario(engine, 'master-failed', FAKE_NOW_MS) });
    const problem = within(screen.getByTestId('main-problem')).getByTestId('problem-MASTER_DOWNLOAD_FAILED');
    expect(problem.getAttribute('role')).toBe('alert');
    expect(problem.textContent).toContain('The instrument master could not be downloaded');
    expect(problem.textContent).toContain('images.dhan.co answered HTTP 503 twice; no saved copy exists');
    expect(problem.textContent).toContain(`What to do: ${ERROR_CATALOG.MASTER_DOWNLOAD_FAILED.remedy}`);
    expect(screen.queryByTestId('problems-bar')).toBeNull();
    fireEvent.click(screen.getByTestId('remedy-reload-master'));
    await settle();
    expect(app.engine.callsOf('reloadInstrumentMaster')).toEqual([null]);
  });

  it('shows every startup step with its progress instead of a blank window', async () => {
    await renderApp({ prepare: (engine) => applyScenario(engine, 'starting', FAKE_NOW_MS) });
    const download = screen.getByTestId('progress-master-download');
    expect(download.textContent).toBe('◐Instrument master downloadIn progress12.4 MB of 38.1 MB');
    expect((within(download).getByRole('progressbar') as HTMLProgressElement).value).toBeCloseTo(12.4 / 38.1, 6);
    expect(screen.getByTestId('progress-feed').textContent).toBe('○Feed connectionsWaiting');
    expect(screen.getByTestId('startup-progress').getAttribute('role')).toBe('status');
  });

  it('shows why selectChain failed', async () => {
    await renderApp({ prepare: (engine) => applyScenario(engine, 'chain-failed', FAKE_NOW_MS) });
    const problem = screen.getByTestId('problem-CHAIN_UNKNOWN_EXPIRY');
    expect(problem.textContent).toBe(
      `✕That expiry is not in the instrument masterCHAIN_UNKNOWN_EXPIRYNIFTY has no expiry 2026-01-20 in today’s instrument masterWhat to do: ${ERROR_CATALOG.CHAIN_UNKNOWN_EXPIRY.remedy}Diagnostics`,
    );
  });

  it('keeps the last prices on screen with a polite market-closed banner', async () => {
    await renderApp({ prepare: (engine) => applyScenario(engine, 'market-closed', FAKE_NOW_MS) });
    const banner = screen.getByTestId('problem-MARKET_CLOSED');
    expect([banner.getAttribute('role'), banner.textContent]).toEqual([
      'status',
      `iThe market is closed: showing the last known pricesMARKET_CLOSEDThe market closed at 15:30 IST; these are the last traded pricesWhat to do: ${ERROR_CATALOG.MARKET_CLOSED.remedy}`,
    ]);
    expect(screen.getByTestId('chain-grid')).toBeTruthy();
  });

  it('says when a chain has no prices yet, with the grid empty of values but labelled', async () => {
    const app = await renderApp({
      prepare: (engine) => {
        engine.chainProblem = problemOf('CACHE_EMPTY', 'No snapshot or tick for NIFTY 2026-01-20 yet');
        engine.handle('selectChain', (selection) => ({ ok: true, value: { ...engine.snapshot(selection), rows: [] } }));
      },
    });
    expect(app.services.store.getState().chain.rowCount).toBe(0);
    expect(within(screen.getByTestId('main-problem')).getByTestId('problem-CACHE_EMPTY').textContent).toContain('No snapshot or tick for NIFTY 2026-01-20 yet');
  });

  it('lists the engine problems the main area is not already showing', async () => {
    await renderApp({ prepare: (engine) => applyScenario(engine, 'cred-missing', FAKE_NOW_MS) });
    fireEvent.click(screen.getByTestId('modal-close'));
    const bar = screen.getByTestId('problems-bar');
    expect(within(bar).getByTestId('problem-FEED_NOT_CONNECTED').textContent).toContain('The feed waits for credentials');
    expect(within(bar).queryByTestId('problem-CRED_MISSING')).toBeNull();
    expect(screen.getAllByTestId('problem-CRED_MISSING').length).toBe(1);
  });

  it('says the page is not authorised when the engine refuses its key', async () => {
    await renderApp({ monitor: new StubMonitor({ ...ALWAYS_OPEN, state: 'unauthorized' }) });
    expect(screen.getByTestId('problem-API_UNAUTHORIZED').textContent).toContain(ERROR_CATALOG.API_UNAUTHORIZED.remedy);
  });

  it('announces a lost connection to the engine and resynchronises when it comes back', async () => {
    const monitor = new StubMonitor({ ...ALWAYS_OPEN, everOpened: true });
    const app = await renderApp({ monitor });
    expect(screen.queryByTestId('connection-lost')).toBeNull();
    act(() => monitor.set({ state: 'reconnecting', attempt: 3, retryInMs: 2_000, lastCloseCode: 1006, everOpened: true }));
    expect(screen.getByTestId('connection-lost').textContent).toBe(
      'Connection to the engine lost. The values on screen are frozen. Reconnecting in 2.0 s (attempt 3).API_DISCONNECTED',
    );
    const before = [app.engine.callsOf('getAppState').length, app.engine.callsOf('selectChain').length];
    act(() => monitor.set({ ...ALWAYS_OPEN, everOpened: true }));
    await settle();
    expect(screen.queryByTestId('connection-lost')).toBeNull();
    expect([app.engine.callsOf('getAppState').length, app.engine.callsOf('selectChain').length]).toEqual([before[0]! + 1, before[1]! + 1]);
  });

  it('shows why the first AppState could not be read', async () => {
    await renderApp({ prepare: (engine) => engine.handle('getAppState', () => fail('API_INTERNAL', 'getAppState failed unexpectedly')) });
    expect(screen.getByTestId('problem-API_INTERNAL').textContent).toContain('getAppState failed unexpectedly');
  });
});
