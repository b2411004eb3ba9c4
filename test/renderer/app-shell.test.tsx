// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { UI_PREFERENCES_KEY } from '../../src/renderer/src/store/app-store';
import { memoryStorage, renderApp, settle } from './helpers';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
  delete document.documentElement.dataset.theme;
});

const press = async (key: string, target: Element | Window = window, extra: Partial<KeyboardEventInit> = {}): Promise<void> => {
  fireEvent.keyDown(target, { key, ...extra });
  await settle();
};

describe('startup and chain selection', () => {
  it('opens the engine default chain with the remembered strike window', async () => {
    const storage = memoryStorage({ [UI_PREFERENCES_KEY]: JSON.stringify({ state: { strikeWindow: 25 }, version: 1 }) });
    const app = await renderApp({ storage });
    expect(app.engine.callsOf('selectChain')).toEqual([{ underlying: 'NIFTY', expiry: '2026-01-20', strikeWindow: 25 }]);
    expect([screen.getByTestId<HTMLSelectElement>('select-underlying').value, screen.getByTestId<HTMLSelectElement>('select-expiry').value]).toEqual([
      'NIFTY',
      '2026-01-20',
    ]);
    expect(screen.getByTestId('chain-size').textContent).toBe('51 of 81 strikes shown');
  });

  it('lists underlyings and expiries from the skeleton and switches chains from the pickers', async () => {
    const app = await renderApp();
    const expiries = within(screen.getByTestId('select-expiry')).getAllByRole('option').map((o) => o.textContent);
    expect(expiries).toEqual(['20 Jan 2026 · W', '27 Jan 2026 · W', '03 Feb 2026 · W', '24 Feb 2026 · M', '31 Mar 2026 · M']);
    fireEvent.change(screen.getByTestId('select-underlying'), { target: { value: 'BANKNIFTY' } });
    await settle();
    fireEvent.change(screen.getByTestId('select-strike-window'), { target: { value: '0' } });
    await settle();
    expect(app.engine.callsOf('selectChain').slice(1)).toEqual([
      { underlying: 'BANKNIFTY', expiry: '2026-01-20', strikeWindow: 15 },
      { underlying: 'BANKNIFTY', expiry: '2026-01-20', strikeWindow: 0 },
    ]);
    expect(screen.getByTestId('metric-lot').textContent).toBe('35');
  });

  it('shows the skeleton counts in the status bar', async () => {
    await renderApp();
    expect(screen.getByTestId('skeleton-counts').textContent).toBe('Underlyings 6 · Expiries 28 · Strikes 2,138 · Tokens 4,276');
  });

  it('writes the chain summary into the header and ages the last tick every second', async () => {
    const app = await renderApp();
    expect([
      screen.getByTestId('metric-spot').textContent,
      screen.getByTestId('metric-forward').textContent,
      screen.getByTestId('metric-forward-source').textContent,
      screen.getByTestId('metric-atm').textContent,
      screen.getByTestId('metric-dte').textContent,
      screen.getByTestId('metric-lot').textContent,
      screen.getByTestId('metric-max-pain').textContent,
      screen.getByTestId('metric-market').textContent,
    ]).toEqual(['24,964.25', '24,960.05', 'parity', '24950', '7.21', '75', '25000', 'open']);
    expect(screen.getByTestId('last-tick-age').textContent).toBe('last tick < 1 s ago');
    act(() => app.scheduler.advance(3_000));
    expect(screen.getByTestId('last-tick-age').textContent).toBe('last tick 3.0 s ago');
    expect(within(screen.getByTestId('feed-state')).getByText('Live')).toBeTruthy();
  });
});

describe('long steps while a chain is shown', () => {
  it('shows a running step in the status bar without hiding the grid', async () => {
    const app = await renderApp();
    const state = app.engine.appState;
    act(() =>
      app.engine.emit('appState', {
        ...state,
        progress: state.progress.map((step) => (step.id === 'master-download' ? { ...step, state: 'running', detail: '4.0 MB of 38.1 MB' } : step)),
      }),
    );
    expect(screen.getByTestId('status-progress').textContent).toBe('Instrument master download: 4.0 MB of 38.1 MB');
    expect(screen.getByTestId('chain-grid')).toBeTruthy();
  });

  it('offers a ready update and shows why restarting failed', async () => {
    const app = await renderApp();
    app.engine.appState = { ...app.engine.appState, updater: { state: 'ready', version: '0.2.0', message: 'Downloaded', checkedAtMs: null } };
    app.engine.diagnostics = { ...app.engine.diagnostics, updater: app.engine.appState.updater };
    app.engine.handle('restartToUpdate', () => ({ ok: false, error: { code: 'UPDATE_FAILED', message: 'The installer is missing', remedy: 'Try again later.' } }));
    act(() => app.engine.emit('appState', app.engine.appState));
    fireEvent.click(screen.getByTestId('status-update-ready'));
    await settle();
    fireEvent.click(screen.getByTestId('diag-restart-update'));
    await settle();
    expect(screen.getByTestId('error-UPDATE_FAILED').textContent).toContain('The installer is missing');
  });
});

describe('charts', () => {
  it('draws OI, the smile and the straddle, and redraws at most once a second', async () => {
    const app = await renderApp();
    const points = (testId: string) => screen.getByTestId(testId).getAttribute('data-points');
    expect([points('chart-oi'), points('chart-smile'), points('chart-straddle')]).toEqual(['31', '31', '41']);
    expect(screen.getByTestId('chart-smile').getAttribute('data-series')).toBe('IV (ours, Black-76)|Dhan IV');
    const batch = app.engine.batch({ strikes: [24950] });
    act(() => app.engine.emit('chainBatch', { ...batch, straddlePoint: { atMs: app.clock.nowMs(), value: 301.5 } }));
    act(() => app.scheduler.advance(999));
    expect(points('chart-straddle')).toBe('41');
    act(() => app.scheduler.advance(1));
    expect(points('chart-straddle')).toBe('42');
  });

  it('redraws the straddle only when the series gains a point, while OI and the smile follow every sample', async () => {
    const app = await renderApp();
    const redraws = () => ['chart-oi', 'chart-smile', 'chart-straddle'].map((id) => screen.getByTestId(id).getAttribute('data-redraws'));
    expect(redraws()).toEqual(['0', '0', '0']);
    act(() => app.engine.emit('chainBatch', app.engine.batch({ strikes: [24950] })));
    act(() => app.scheduler.advance(1_000));
    expect(redraws()).toEqual(['1', '1', '0']);
  });

  it('switches the OI chart to OI change', async () => {
    await renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'OI change' }));
    await settle();
    expect(screen.getByTestId('chart-oi').textContent).toBe('OI change by strike');
  });
});

describe('keyboard shortcuts', () => {
  it('steps underlying and expiry, and widens and narrows the strike window', async () => {
    const app = await renderApp();
    await press('u');
    await press('E');
    await press(']');
    await press('[');
    await press('[');
    expect(app.engine.callsOf('selectChain').slice(1)).toEqual([
      { underlying: 'BANKNIFTY', expiry: '2026-01-20', strikeWindow: 15 },
      { underlying: 'BANKNIFTY', expiry: '2026-03-31', strikeWindow: 15 },
      { underlying: 'BANKNIFTY', expiry: '2026-03-31', strikeWindow: 20 },
      { underlying: 'BANKNIFTY', expiry: '2026-03-31', strikeWindow: 15 },
      { underlying: 'BANKNIFTY', expiry: '2026-03-31', strikeWindow: 10 },
    ]);
  });

  it('ignores keys typed into a field and keys with modifiers', async () => {
    const app = await renderApp();
    await press('u', screen.getByTestId('select-expiry'));
    await press('u', window, { ctrlKey: true });
    expect(app.engine.callsOf('selectChain').length).toBe(1);
  });

  it('opens diagnostics, credentials, columns and help, and Escape closes them', async () => {
    await renderApp();
    for (const [key, testId] of [
      ['d', 'diagnostics-panel'],
      ['k', 'credentials-dialog'],
      ['o', 'column-chooser'],
      ['?', 'help-overlay'],
    ] as const) {
      await press(key);
      const dialog = screen.getByTestId(testId);
      await press('Escape', dialog);
      expect(screen.queryByTestId(testId)).toBeNull();
    }
  });

  it('documents every shortcut and the analytics conventions in the help overlay', async () => {
    await renderApp();
    await press('?');
    const rows = within(screen.getByTestId('help-shortcuts')).getAllByRole('row').map((r) => r.textContent);
    expect(rows.slice(0, 5)).toEqual(['UNext underlying', 'Shift+UPrevious underlying', 'ENext expiry', 'Shift+EPrevious expiry', 'CRe-centre the chain on the ATM strike']);
    expect(rows.length).toBe(16);
    const conventions = screen.getByTestId('help-conventions').textContent ?? '';
    expect(conventions).toContain("Max painThe strike where option writers' total payout at expiry is smallest (not the strike with the largest OI).");
    expect(conventions).toContain('ThetaRupees per calendar day.');
  });

  it('toggles the theme, remembers it, and hides the charts', async () => {
    const app = await renderApp();
    expect(document.documentElement.dataset.theme).toBe('dark');
    await press('t');
    await press('g');
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(screen.queryByTestId('charts-panel')).toBeNull();
    expect(JSON.parse(app.storage.data.get(UI_PREFERENCES_KEY)!).state).toMatchObject({ theme: 'light', chartsOpen: false });
  });
});
