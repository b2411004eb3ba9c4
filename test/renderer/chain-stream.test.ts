import { describe, expect, it } from 'vitest';
import type { ChainGridSink, ChainMarkers } from '../../src/renderer/src/chain/chain-grid-sink';
import { ChainStream, computeMarkers } from '../../src/renderer/src/chain/chain-stream';
import { createAppStore } from '../../src/renderer/src/store/app-store';
import type { ChainRow, ChainSelection, ChainSnapshot } from '../../src/shared/api/view-types';
import { problemOf } from '../../src/shared/errors/app-error';
import { fail, FAKE_NOW_MS, FakeEngine, ok } from './fake-api';
import { memoryStorage } from './helpers';

type SinkCall =
  | { kind: 'setRows'; strikes: number[]; atm: number | null }
  | { kind: 'updateRows'; strikes: number[] }
  | { kind: 'setMarkers'; markers: ChainMarkers }
  | { kind: 'centreOn'; strike: number };

/** A sink that writes down what the grid would have been told. */
class RecordingSink implements ChainGridSink {
  readonly calls: SinkCall[] = [];
  setRows(rows: readonly ChainRow[], markers: ChainMarkers): void {
    this.calls.push({ kind: 'setRows', strikes: rows.map((r) => r.strike), atm: markers.atmStrike });
  }
  updateRows(rows: readonly ChainRow[]): void {
    this.calls.push({ kind: 'updateRows', strikes: rows.map((r) => r.strike) });
  }
  setMarkers(markers: ChainMarkers): void {
    this.calls.push({ kind: 'setMarkers', markers });
  }
  centreOn(strike: number): void {
    this.calls.push({ kind: 'centreOn', strike });
  }
  kinds(): string[] {
    return this.calls.map((c) => c.kind);
  }
}

const NIFTY: ChainSelection = { underlying: 'NIFTY', expiry: '2026-01-20', strikeWindow: 2 };

async function setup(prepare?: (engine: FakeEngine) => void) {
  const engine = new FakeEngine({ strikeCount: 21 });
  prepare?.(engine);
  const store = createAppStore({ storage: memoryStorage() });
  const stream = new ChainStream({ api: engine.api, store, maxStraddlePoints: 43 });
  const sink = new RecordingSink();
  stream.attachSink(sink);
  sink.calls.length = 0;
  await stream.select(NIFTY);
  return { engine, store, stream, sink };
}

describe('ChainStream', () => {
  it('shows the snapshot of a selected chain and centres on its ATM strike', async () => {
    const { engine, store, stream, sink } = await setup();
    expect(engine.callsOf('selectChain')).toEqual([NIFTY]);
    expect(sink.calls).toEqual([
      { kind: 'setRows', strikes: [24850, 24900, 24950, 25000, 25050], atm: 24950 },
      { kind: 'centreOn', strike: 24950 },
    ]);
    expect(store.getState().chain).toEqual({ status: 'ready', error: null, problem: null, rowCount: 5, totalStrikes: 21, lotSize: 75 });
    expect(stream.summary.get()?.spot).toBe(24964.25);
  });

  it('sends a batch to the grid as an update of exactly its rows and publishes the new summary', async () => {
    const { engine, stream, sink } = await setup();
    sink.calls.length = 0;
    const batch = engine.batch({ strikes: [24900, 25000] });
    engine.emit('chainBatch', batch);
    expect(sink.kinds()).toEqual(['updateRows', 'setMarkers']);
    expect(sink.calls[0]).toEqual({ kind: 'updateRows', strikes: [24900, 25000] });
    expect(stream.summary.get()).toBe(batch.summary);
    expect(stream.currentRows().find((r) => r.strike === 25000)).toEqual(batch.rows[1]);
  });

  it('applies a row patch to the row on screen, and counts one it has no row to apply to and asks for a snapshot', async () => {
    const { engine, stream, sink } = await setup();
    sink.calls.length = 0;
    const before = stream.currentRows().find((r) => r.strike === 24950)!;
    const ce = before.ce!;
    engine.emit('chainBatch', {
      ...engine.batch({ rows: [] }),
      rows: [
        { strike: 24950, ce: { securityId: ce.securityId, ltp: 123.45, volume: 4_321 } },
        { strike: 99_000, pe: { securityId: 1, ltp: 1 } },
      ],
    });
    expect(stream.currentRows().find((r) => r.strike === 24950)).toEqual({ ...before, ce: { ...ce, ltp: 123.45, volume: 4_321 } });
    expect(stream.currentRows().map((r) => r.strike)).toEqual([24850, 24900, 24950, 25000, 25050]);
    expect(stream.counters.unappliedRows).toBe(1);
    expect(sink.calls[0]).toEqual({ kind: 'updateRows', strikes: [24950] });
    expect(engine.callsOf('selectChain')).toEqual([NIFTY, NIFTY]);
  });

  it('ignores a batch whose seq is not newer than the last one applied', async () => {
    const { engine, stream, sink } = await setup();
    const applied = engine.batch({ strikes: [24900] });
    engine.emit('chainBatch', applied);
    sink.calls.length = 0;
    engine.emit('chainBatch', { ...engine.batch({ strikes: [24950] }), seq: applied.seq });
    engine.emit('chainBatch', { ...engine.batch({ strikes: [24950] }), seq: applied.seq - 1 });
    expect(sink.calls).toEqual([]);
    expect(stream.counters.staleBatches).toBe(2);
  });

  it('ignores a batch for a chain other than the one on screen', async () => {
    const { engine, stream, sink } = await setup();
    sink.calls.length = 0;
    engine.emit('chainBatch', { ...engine.batch({ strikes: [24900] }), expiry: '2026-01-27' });
    engine.emit('chainBatch', { ...engine.batch({ strikes: [24900] }), underlying: 'BANKNIFTY' });
    expect(sink.calls).toEqual([]);
    expect(stream.counters.otherChainBatches).toBe(2);
  });

  it('holds batches that arrive while selectChain is in flight and applies the newer ones after the snapshot', async () => {
    const engine = new FakeEngine({ strikeCount: 21 });
    let answer: (value: ReturnType<typeof ok<ChainSnapshot>>) => void = () => undefined;
    engine.handle('selectChain', () => new Promise((resolve) => (answer = resolve)));
    const store = createAppStore({ storage: memoryStorage() });
    const stream = new ChainStream({ api: engine.api, store });
    const sink = new RecordingSink();
    stream.attachSink(sink);
    sink.calls.length = 0;
    const selecting = stream.select(NIFTY);
    await Promise.resolve();
    const snapshot = engine.snapshot(NIFTY);
    const older = { ...engine.batch({ strikes: [24900] }), seq: snapshot.seq };
    const newer = engine.batch({ strikes: [25000] });
    engine.emit('chainBatch', older);
    engine.emit('chainBatch', newer);
    expect(sink.calls).toEqual([]);
    answer(ok(snapshot));
    await selecting;
    expect(sink.kinds()).toEqual(['setRows', 'centreOn', 'updateRows', 'setMarkers']);
    expect(sink.calls[2]).toEqual({ kind: 'updateRows', strikes: [25000] });
    expect(stream.counters.staleBatches).toBe(1);
  });

  it('replaces every row when the engine pushes a fresh snapshot of the same chain', async () => {
    const { engine, stream, sink } = await setup();
    sink.calls.length = 0;
    const fresh = engine.snapshot({ ...NIFTY, strikeWindow: 1 });
    engine.emit('chainSnapshot', fresh);
    expect(sink.calls).toEqual([{ kind: 'setRows', strikes: [24900, 24950, 25000], atm: 24950 }]);
    engine.emit('chainSnapshot', { ...fresh, seq: fresh.seq - 1 });
    expect(stream.counters.staleSnapshots).toBe(1);
  });

  it('re-sets the rows when a batch brings a strike that is not on screen', async () => {
    const { engine, sink } = await setup();
    sink.calls.length = 0;
    engine.emit('chainBatch', engine.batch({ strikes: [25100] }));
    expect(sink.calls).toEqual([{ kind: 'setRows', strikes: [24850, 24900, 24950, 25000, 25050, 25100], atm: 24950 }]);
  });

  it('reports a failed selectChain with its code and clears the previous chain', async () => {
    const { engine, store, stream, sink } = await setup();
    engine.handle('selectChain', () => fail('CHAIN_UNKNOWN_EXPIRY', 'NIFTY has no expiry 2026-01-27'));
    sink.calls.length = 0;
    await stream.select({ ...NIFTY, expiry: '2026-01-27' });
    expect(store.getState().chain.status).toBe('failed');
    expect(store.getState().chain.error).toEqual({
      code: 'CHAIN_UNKNOWN_EXPIRY',
      message: 'NIFTY has no expiry 2026-01-27',
      remedy: 'Pick one of the listed expiries; expired contracts drop out of the file every day.',
    });
    expect(sink.calls).toEqual([{ kind: 'setRows', strikes: [], atm: null }]);
    expect(stream.summary.get()).toBeNull();
  });

  it('reports a transport that throws instead of answering as API_INTERNAL, naming the operation', async () => {
    const { engine, store, stream } = await setup();
    engine.handle('selectChain', () => {
      throw new Error('socket gone');
    });
    await stream.select({ ...NIFTY, expiry: '2026-01-27' });
    expect(store.getState().chain.status).toBe('failed');
    expect(store.getState().chain.error).toEqual({
      code: 'API_INTERNAL',
      message: 'selectChain failed in the page: socket gone',
      remedy: 'Export a support bundle and send it to support; the engine keeps running.',
    });
  });

  it('drops the answer to a selection that a newer one superseded', async () => {
    const engine = new FakeEngine({ strikeCount: 21 });
    const answers: ((snapshot: ChainSnapshot) => void)[] = [];
    engine.handle('selectChain', (selection) => new Promise((resolve) => answers.push((s) => resolve(ok(s ?? engine.snapshot(selection))))));
    const store = createAppStore({ storage: memoryStorage() });
    const stream = new ChainStream({ api: engine.api, store });
    const first = stream.select(NIFTY);
    const second = stream.select({ ...NIFTY, expiry: '2026-01-27' });
    await Promise.resolve();
    const nearSnapshot = engine.snapshot(NIFTY);
    const nextSnapshot = engine.snapshot({ ...NIFTY, expiry: '2026-01-27' });
    answers[1]!(nextSnapshot);
    answers[0]!(nearSnapshot);
    await Promise.all([first, second]);
    expect(stream.summary.get()?.expiry).toBe('2026-01-27');
  });

  it('stores a chain problem once, and again only when it changes', async () => {
    const { engine, store } = await setup();
    let notifications = 0;
    const unsubscribe = store.subscribe(() => (notifications += 1));
    engine.chainProblem = problemOf('MARKET_CLOSED', 'The market closed at 15:30 IST');
    engine.emit('chainBatch', engine.batch({ strikes: [24900] }));
    engine.emit('chainBatch', engine.batch({ strikes: [24950] }));
    engine.emit('chainBatch', engine.batch({ strikes: [25000] }));
    unsubscribe();
    expect(notifications).toBe(1);
    expect(store.getState().chain.problem?.code).toBe('MARKET_CLOSED');
  });

  it('keeps the straddle series bounded, appending each new sample', async () => {
    const { engine, stream } = await setup();
    expect(stream.straddleSeries().length).toBe(41);
    engine.emit('chainBatch', { ...engine.batch({ strikes: [24900] }), straddlePoint: { atMs: FAKE_NOW_MS + 1, value: 301 } });
    engine.emit('chainBatch', { ...engine.batch({ strikes: [24900] }), straddlePoint: { atMs: FAKE_NOW_MS + 2, value: 302 } });
    engine.emit('chainBatch', { ...engine.batch({ strikes: [24900] }), straddlePoint: { atMs: FAKE_NOW_MS + 3, value: 303 } });
    expect(stream.straddleSeries().length).toBe(43);
    expect(stream.straddleSeries().slice(-2)).toEqual([
      { atMs: FAKE_NOW_MS + 2, value: 302 },
      { atMs: FAKE_NOW_MS + 3, value: 303 },
    ]);
  });

  it('stops listening when disposed', async () => {
    const { engine, stream } = await setup();
    stream.dispose();
    expect([engine.listenerCount('chainBatch'), engine.listenerCount('chainSnapshot')]).toEqual([0, 0]);
  });
});

describe('computeMarkers', () => {
  it('finds the OI scale and how many strikes lie below the forward', () => {
    const row = (strike: number, ceOi: number | null, peOi: number | null): ChainRow => ({
      strike,
      ce: ceOi === null ? null : ({ oi: ceOi } as ChainRow['ce']),
      pe: peOi === null ? null : ({ oi: peOi } as ChainRow['pe']),
    });
    const engine = new FakeEngine();
    const summary = { ...engine.snapshot(NIFTY).summary, forward: 24_960.05, spot: 24_964.25, atmStrike: 24950, lotSize: 75 };
    expect(computeMarkers(summary, [row(24900, 10, 40), row(24950, 55, null), row(25000, null, 20)])).toEqual({
      atmStrike: 24950,
      itmReference: 24_960.05,
      strikesBelowReference: 2,
      maxOi: 55,
      lotSize: 75,
    });
    expect(computeMarkers({ ...summary, forward: null, spot: null }, [row(24900, 1, 1)]).itmReference).toBeNull();
  });
});
