// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import type { ICellRendererParams } from 'ag-grid-community';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgGridChainSink } from '../../src/renderer/src/chain/ag-grid-chain-sink';
import { TickCellRenderer } from '../../src/renderer/src/chain/cell-renderers';
import { UI_PREFERENCES_KEY } from '../../src/renderer/src/store/app-store';
import { formatCompactCount, formatPrice } from '../../src/renderer/src/util/format';
import type { ChainRow } from '../../src/shared/api/view-types';
import { memoryStorage, renderApp, settle, type RenderedApp } from './helpers';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

function withWindow(strikeWindow: number) {
  return memoryStorage({ [UI_PREFERENCES_KEY]: JSON.stringify({ state: { strikeWindow }, version: 1 }) });
}

function gridApi(app: RenderedApp) {
  return (app.services.stream.currentSink() as AgGridChainSink).api;
}

function cell(strike: number, colId: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`.ag-row[row-id="${strike}"] [col-id="${colId}"]`);
  if (!found) throw new Error(`no rendered cell ${strike} ${colId}`);
  return found;
}

async function pushBatch(app: RenderedApp, batch: ReturnType<RenderedApp['engine']['batch']>): Promise<void> {
  act(() => app.engine.emit('chainBatch', batch));
  act(() => gridApi(app).flushAsyncTransactions());
  await settle();
}

describe('the chain grid transaction path', () => {
  it('applies a batch of 1 000 row updates to the grid without re-rendering any of our components', async () => {
    const app = await renderApp({ strikeCount: 1000, storage: withWindow(0) });
    const api = gridApi(app);
    expect(api.getDisplayedRowCount()).toBe(1000);
    const before = app.renders();
    expect(Object.keys(before).sort()).toEqual([
      'ChainArea',
      'ChainGrid',
      'ChainSelectors',
      'ChartsPanel',
      'ConnectionBanner',
      'FeedIndicator',
      'HeaderStrip',
      'ProblemsBar',
      'Shell',
      'SimulatedBadge',
      'StatusBar',
      'SummaryMetrics',
    ]);

    const model = app.engine.model('NIFTY', '2026-01-20');
    const batch = app.engine.batch({ strikes: model.strikes });
    expect(batch.rows.length).toBe(1000);
    await pushBatch(app, batch);

    expect(app.renders()).toEqual(before);
    expect(batch.rows.map((row) => api.getRowNode(String(row.strike))?.data)).toEqual(batch.rows);
    expect(screen.getByTestId('metric-spot').textContent).toBe(formatPrice(batch.summary.spot));
    expect(screen.getByTestId('metric-pcr').textContent).toBe(batch.summary.pcr?.toFixed(2));
  });

  it('is not re-rendered, and its columns are not rebuilt, when the shell re-renders for an app-state change', async () => {
    const app = await renderApp({ storage: withWindow(5) });
    const api = gridApi(app);
    const columnsBefore = api.getColumnDefs();
    const before = app.renders();
    const state = app.engine.appState;
    act(() =>
      app.engine.emit('appState', {
        ...state,
        progress: state.progress.map((step) => (step.id === 'master-download' ? { ...step, state: 'running', detail: '4.0 MB of 38.1 MB' } : step)),
      }),
    );
    await settle();
    const after = app.renders();
    expect((after.Shell ?? 0) - (before.Shell ?? 0)).toBe(1);
    expect(after.ChainGrid).toBe(before.ChainGrid);
    expect(api.getColumnDefs()).toEqual(columnsBefore);
    expect(api.getColumnDefs()?.[0]).toBe(columnsBefore?.[0]);
  });

  it('sends batch rows as an asynchronous transaction keyed by strike, never as new row data', async () => {
    const app = await renderApp({ storage: withWindow(5) });
    const api = gridApi(app);
    const transactions = vi.spyOn(api, 'applyTransactionAsync');
    const setOption = vi.spyOn(api, 'setGridOption');
    const batch = app.engine.batch({ strikes: [24900, 25000] });
    await pushBatch(app, batch);
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(transactions.mock.calls[0]?.[0]).toEqual({ update: batch.rows });
    expect(setOption.mock.calls.filter(([key]) => key === 'rowData')).toEqual([]);
  });
});

describe('chain grid display', () => {
  it('highlights the ATM row and moves the highlight when ATM moves', async () => {
    const app = await renderApp({ storage: withWindow(5) });
    const row = (strike: number) => document.querySelector(`.ag-row[row-id="${strike}"]`);
    expect([row(24950)?.classList.contains('row-atm'), row(25000)?.classList.contains('row-atm')]).toEqual([true, false]);
    const batch = app.engine.batch({ strikes: [25000] });
    await pushBatch(app, { ...batch, summary: { ...batch.summary, atmStrike: 25000 } });
    expect([row(24950)?.classList.contains('row-atm'), row(25000)?.classList.contains('row-atm')]).toEqual([false, true]);
  });

  it('shades the in-the-money side of each row, calls below the forward and puts above it, and moves the shading when the forward crosses a strike', async () => {
    const app = await renderApp({ storage: withWindow(5) });
    const sides = (strike: number) => {
      const row = document.querySelector(`.ag-row[row-id="${strike}"]`);
      return [row?.classList.contains('row-itm-ce'), row?.classList.contains('row-itm-pe')];
    };
    const shading = () => [24900, 24950, 25000, 25050].map(sides);
    const forward = app.services.stream.summary.get()?.forward as number;
    expect([forward > 24950 && forward < 25000, shading()]).toEqual([
      true,
      [
        [true, false],
        [true, false],
        [false, true],
        [false, true],
      ],
    ]);
    const batch = app.engine.batch({ strikes: [24900] });
    await pushBatch(app, { ...batch, summary: { ...batch.summary, forward: 25_010 } });
    expect(shading()).toEqual([
      [true, false],
      [true, false],
      [true, false],
      [false, true],
    ]);
    // The side's cells take the shading from the row through the side class the CSS selects them by.
    expect([cell(25000, 'ce.ltp').classList.contains('side-ce'), cell(25000, 'pe.ltp').classList.contains('side-pe')]).toEqual([true, true]);
  });

  it('marks a rise with ▲ and a fall with ▼ beside the new value', async () => {
    const app = await renderApp({ storage: withWindow(5) });
    const current = app.services.stream.currentRows().find((r) => r.strike === 24950)!;
    const priced = (ltp: number): ChainRow => ({ ...current, ce: { ...current.ce!, ltp } });
    const seqBase = app.engine.batch({ rows: [] });
    await pushBatch(app, { ...seqBase, seq: seqBase.seq + 1, rows: [priced(200.05)] });
    expect([cell(24950, 'ce.ltp').querySelector('.tick-mark')?.textContent, cell(24950, 'ce.ltp').querySelector('.tick-value')?.textContent]).toEqual(['▲', '200.05']);
    await pushBatch(app, { ...seqBase, seq: seqBase.seq + 2, rows: [priced(199.5)] });
    expect([cell(24950, 'ce.ltp').querySelector('.tick-mark')?.textContent, cell(24950, 'ce.ltp').querySelector('.tick-value')?.textContent]).toEqual(['▼', '199.50']);
  });

  it('shows an em dash, not 0, for a value that is not known yet', async () => {
    const app = await renderApp({ storage: withWindow(5) });
    const current = app.services.stream.currentRows().find((r) => r.strike === 25050)!;
    const batch = app.engine.batch({ rows: [] });
    await pushBatch(app, { ...batch, rows: [{ ...current, pe: { ...current.pe!, iv: null, oiChange: null } }] });
    expect([cell(25050, 'pe.iv').textContent, cell(25050, 'pe.oiChange').textContent]).toEqual(['—', '—']);
  });

  it('draws OI bars against the largest OI in view', async () => {
    const app = await renderApp({ storage: withWindow(5) });
    const rows = app.services.stream.currentRows();
    const maxOi = Math.max(...rows.flatMap((r) => [r.ce?.oi ?? 0, r.pe?.oi ?? 0]));
    const sample = rows.find((r) => r.strike === 24900)!;
    const bar = cell(24900, 'pe.oi').querySelector<HTMLElement>('.oi-bar');
    expect(bar?.style.width).toBe(`${((sample.pe!.oi! / maxOi) * 100).toFixed(1)}%`);
    expect(bar?.classList.contains('oi-bar--pe')).toBe(true);
  });

  it('shows OI and volume in lots after the unit toggle, with the unit in the group header', async () => {
    const app = await renderApp({ storage: withWindow(5) });
    const row = app.services.stream.currentRows().find((r) => r.strike === 24950)!;
    expect(cell(24950, 'ce.oi').querySelector('.tick-value')?.textContent).toBe(formatCompactCount(row.ce!.oi));
    fireEvent.click(screen.getByTestId('toggle-units'));
    await settle();
    expect(cell(24950, 'ce.oi').querySelector('.tick-value')?.textContent).toBe(formatCompactCount(row.ce!.oi! / 75));
    expect(cell(24950, 'ce.volume').querySelector('.tick-value')?.textContent).toBe(formatCompactCount(row.ce!.volume! / 75));
    expect(screen.getByText('CALLS · OI and volume in lots')).toBeTruthy();
  });

  it('adds and removes columns on both sides from the column chooser', async () => {
    await renderApp({ storage: withWindow(5) });
    const headers = () => [...document.querySelectorAll('.ag-header-cell[col-id]')].map((h) => h.getAttribute('col-id'));
    expect(headers()).not.toContain('ce.delta');
    fireEvent.click(screen.getByTestId('open-columns'));
    fireEvent.click(screen.getByTestId('column-delta'));
    fireEvent.click(screen.getByTestId('column-volume'));
    await settle();
    expect([headers().includes('ce.delta'), headers().includes('pe.delta'), headers().includes('ce.volume'), headers().includes('pe.volume')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('re-centres the grid on the ATM strike when C is pressed', async () => {
    const app = await renderApp({ storage: withWindow(5) });
    const ensure = vi.spyOn(gridApi(app), 'ensureNodeVisible');
    fireEvent.keyDown(window, { key: 'c' });
    expect(ensure).toHaveBeenCalledTimes(1);
    const [node, position] = ensure.mock.calls[0]!;
    expect([(node as { id?: string }).id, position]).toEqual(['24950', 'middle']);
  });
});

describe('TickCellRenderer', () => {
  const params = (value: number | null, valueFormatted: string | null) => ({ value, valueFormatted }) as unknown as ICellRendererParams<ChainRow>;

  it('keeps the direction of the last change as a mark and a data attribute', () => {
    const renderer = new TickCellRenderer();
    renderer.init(params(10, '10.00'));
    const gui = renderer.getGui();
    expect([gui.dataset.dir, gui.textContent]).toEqual([undefined, '10.00']);
    renderer.refresh(params(11, '11.00'));
    expect([gui.dataset.dir, gui.textContent]).toEqual(['up', '▲11.00']);
    renderer.refresh(params(11, '11.00'));
    expect([gui.dataset.dir, gui.textContent]).toEqual(['up', '▲11.00']);
    renderer.refresh(params(9.5, '9.50'));
    expect([gui.dataset.dir, gui.textContent]).toEqual(['down', '▼9.50']);
    renderer.refresh(params(null, '—'));
    expect([gui.dataset.dir, gui.textContent]).toEqual([undefined, '—']);
  });

  it('updates its text in place: a stream of changes adds and removes no nodes', () => {
    const renderer = new TickCellRenderer();
    renderer.init(params(10, '10.00'));
    const gui = renderer.getGui();
    document.body.append(gui);
    const changes: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const r of records) changes.push(r.type === 'attributes' ? `attr ${r.attributeName}` : r.type);
    });
    observer.observe(gui, { subtree: true, childList: true, characterData: true, attributes: true });
    const nodes = [...gui.querySelectorAll('span')].map((span) => span.firstChild);
    for (const [value, text] of [[11, '11.00'], [12, '12.00'], [12, '12.00'], [11.5, '11.50']] as const) renderer.refresh(params(value, text));
    const seen = observer.takeRecords().map((r) => (r.type === 'attributes' ? `attr ${r.attributeName}` : r.type));
    observer.disconnect();
    expect([...changes, ...seen]).toEqual([
      'attr data-dir', 'characterData', 'characterData', // ▲ 11.00
      'characterData', // 12.00: still up, only the value moves
      'attr data-dir', 'characterData', 'characterData', // ▼ 11.50
    ]);
    expect([...gui.querySelectorAll('span')].map((span) => span.firstChild)).toEqual(nodes);
    expect(gui.textContent).toBe('▼11.50');
  });
});
