/**
 * The chain on screen, kept outside React. `select` asks the engine for a full snapshot; after
 * that, onChainBatch delivers only what changed in each row (chain-row-patch.ts); the patched
 * rows go straight to the grid sink as a transaction, and the summary goes to a LiveValue the header writes into the DOM. The store
 * hears only about rare changes (loaded, failed, a different problem), so a batch of a thousand
 * rows re-renders nothing.
 */
import type { ApiResult, ChainLensApi } from '../../../shared/api/api-contract';
import { applyChainRowPatch } from '../../../shared/api/chain-row-patch';
import type { ChainBatch, ChainRow, ChainSelection, ChainSnapshot, ChainSummary, SeriesPoint } from '../../../shared/api/view-types';
import { invokeSafely } from '../api/api-failure';
import type { AppStore } from '../store/app-store';
import { NO_MARKERS, type ChainGridSink, type ChainMarkers } from './chain-grid-sink';
import { LiveValue } from './live-value';

export interface ChainStreamOptions {
  readonly api: ChainLensApi;
  readonly store: AppStore;
  /** Most straddle samples kept for the chart. Default 2 000. */
  readonly maxStraddlePoints?: number;
  /** Most batches held while a selectChain is in flight. Default 500. */
  readonly maxBufferedBatches?: number;
}

/** Why pushed data was not applied, counted for tests and support. */
export interface ChainStreamCounters {
  staleBatches: number;
  otherChainBatches: number;
  staleSnapshots: number;
  otherChainSnapshots: number;
  droppedWhileSelecting: number;
  /**
   * Batch rows naming only some fields of a row not on screen: nothing to apply them to. Each
   * such batch asks the engine for a fresh snapshot.
   */
  unappliedRows: number;
}

type Pushed = { readonly kind: 'batch'; readonly batch: ChainBatch } | { readonly kind: 'snapshot'; readonly snapshot: ChainSnapshot };

interface PendingSelect {
  readonly token: number;
  readonly underlying: string;
  readonly expiry: string;
  readonly buffered: Pushed[];
}

export class ChainStream {
  /** The latest chain summary (spot, forward, PCR…); null while no chain is shown. */
  readonly summary = new LiveValue<ChainSummary | null>(null);
  readonly counters: ChainStreamCounters = {
    staleBatches: 0,
    otherChainBatches: 0,
    staleSnapshots: 0,
    otherChainSnapshots: 0,
    droppedWhileSelecting: 0,
    unappliedRows: 0,
  };

  private readonly rows = new Map<number, ChainRow>();
  private ordered: ChainRow[] = [];
  private shown: { readonly underlying: string; readonly expiry: string } | null = null;
  private seq = Number.NEGATIVE_INFINITY;
  private straddle: SeriesPoint[] = [];
  private markers: ChainMarkers = NO_MARKERS;
  private version = 0;
  private requestToken = 0;
  private pending: PendingSelect | null = null;
  /** The last selection asked for: asked again when a batch cannot be applied. */
  private selection: ChainSelection | null = null;
  private sink: ChainGridSink | null = null;
  private readonly maxStraddlePoints: number;
  private readonly maxBufferedBatches: number;
  private readonly unsubscribers: (() => void)[];

  constructor(private readonly options: ChainStreamOptions) {
    this.maxStraddlePoints = options.maxStraddlePoints ?? 2_000;
    this.maxBufferedBatches = options.maxBufferedBatches ?? 500;
    this.unsubscribers = [
      options.api.onChainBatch((batch) => this.receive({ kind: 'batch', batch })),
      options.api.onChainSnapshot((snapshot) => this.receive({ kind: 'snapshot', snapshot })),
    ];
  }

  /** Asks the engine for `selection` and shows its snapshot; a newer call supersedes this one. */
  async select(selection: ChainSelection): Promise<void> {
    const token = ++this.requestToken;
    this.selection = selection;
    const { store } = this.options;
    this.pending = { token, underlying: selection.underlying, expiry: selection.expiry, buffered: [] };
    if (!this.isShown(selection.underlying, selection.expiry)) this.clear();
    store.getState().chainLoading();

    const result = await this.request(selection);
    if (token !== this.requestToken) return;
    const buffered = this.pending?.buffered ?? [];
    this.pending = null;
    if (!result.ok) {
      this.clear();
      store.getState().chainFailed(result.error);
      return;
    }
    this.applySnapshot(result.value, true);
    for (const item of buffered) this.receive(item);
  }

  /** Connects the grid; it immediately receives the rows already held. Returns the detach function. */
  attachSink(sink: ChainGridSink): () => void {
    this.sink = sink;
    sink.setRows(this.ordered, this.markers);
    if (this.markers.atmStrike !== null) sink.centreOn(this.markers.atmStrike);
    return () => {
      if (this.sink === sink) this.sink = null;
    };
  }

  currentSink(): ChainGridSink | null {
    return this.sink;
  }

  /** Scrolls the grid back to the ATM strike. */
  recentre(): void {
    if (this.sink && this.markers.atmStrike !== null) this.sink.centreOn(this.markers.atmStrike);
  }

  /** The rows on screen, ascending by strike. */
  currentRows(): readonly ChainRow[] {
    return this.ordered;
  }

  straddleSeries(): readonly SeriesPoint[] {
    return this.straddle;
  }

  currentMarkers(): ChainMarkers {
    return this.markers;
  }

  /** Increases whenever rows, summary or series change; the charts sample it about once a second. */
  dataVersion(): number {
    return this.version;
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.sink = null;
    this.requestToken += 1;
    this.pending = null;
  }

  private request(selection: ChainSelection): Promise<ApiResult<ChainSnapshot>> {
    return invokeSafely('selectChain', () => this.options.api.selectChain(selection));
  }

  private receive(item: Pushed): void {
    const { underlying, expiry } = item.kind === 'batch' ? item.batch : item.snapshot.selection;
    const pending = this.pending;
    if (pending && pending.underlying === underlying && pending.expiry === expiry) {
      if (pending.buffered.length < this.maxBufferedBatches) pending.buffered.push(item);
      else this.counters.droppedWhileSelecting += 1;
      return;
    }
    if (item.kind === 'batch') this.receiveBatch(item.batch);
    else this.receiveSnapshot(item.snapshot);
  }

  private receiveSnapshot(snapshot: ChainSnapshot): void {
    if (!this.isShown(snapshot.selection.underlying, snapshot.selection.expiry)) {
      this.counters.otherChainSnapshots += 1;
      return;
    }
    if (snapshot.seq <= this.seq) {
      this.counters.staleSnapshots += 1;
      return;
    }
    this.applySnapshot(snapshot, false);
  }

  private receiveBatch(batch: ChainBatch): void {
    if (!this.isShown(batch.underlying, batch.expiry)) {
      this.counters.otherChainBatches += 1;
      return;
    }
    if (batch.seq <= this.seq) {
      this.counters.staleBatches += 1;
      return;
    }
    this.applyBatch(batch);
  }

  private applySnapshot(snapshot: ChainSnapshot, centre: boolean): void {
    this.rows.clear();
    for (const row of snapshot.rows) this.rows.set(row.strike, row);
    this.ordered = [...this.rows.values()].sort((a, b) => a.strike - b.strike);
    this.shown = { underlying: snapshot.selection.underlying, expiry: snapshot.selection.expiry };
    this.seq = snapshot.seq;
    this.straddle = snapshot.straddleSeries.slice(-this.maxStraddlePoints);
    this.summary.set(snapshot.summary);
    this.markers = computeMarkers(snapshot.summary, this.ordered);
    this.version += 1;
    if (this.sink) {
      this.sink.setRows(this.ordered, this.markers);
      if (centre && this.markers.atmStrike !== null) this.sink.centreOn(this.markers.atmStrike);
    }
    const state = this.options.store.getState();
    state.chainLoaded({ rowCount: this.ordered.length, totalStrikes: snapshot.totalStrikes, lotSize: snapshot.summary.lotSize });
    state.chainProblem(snapshot.problem);
  }

  private applyBatch(batch: ChainBatch): void {
    this.seq = batch.seq;
    const updates: ChainRow[] = [];
    let added = false;
    let unapplied = false;
    for (const patch of batch.rows) {
      const current = this.rows.get(patch.strike);
      const row = applyChainRowPatch(current, patch);
      if (row === null) {
        this.counters.unappliedRows += 1;
        unapplied = true;
        continue;
      }
      if (current) updates.push(row);
      else added = true;
      this.rows.set(row.strike, row);
    }
    this.ordered = added ? [...this.rows.values()].sort((a, b) => a.strike - b.strike) : this.ordered.map((r) => this.rows.get(r.strike) ?? r);
    this.summary.set(batch.summary);
    if (batch.straddlePoint) {
      this.straddle = [...this.straddle.slice(-(this.maxStraddlePoints - 1)), batch.straddlePoint];
    }
    this.markers = computeMarkers(batch.summary, this.ordered);
    this.version += 1;
    if (this.sink) {
      if (added) this.sink.setRows(this.ordered, this.markers);
      else {
        if (updates.length > 0) this.sink.updateRows(updates);
        this.sink.setMarkers(this.markers);
      }
    }
    const state = this.options.store.getState();
    if (added) {
      const totalStrikes = Math.max(state.chain.totalStrikes, this.ordered.length);
      state.chainLoaded({ rowCount: this.ordered.length, totalStrikes, lotSize: batch.summary.lotSize });
    }
    state.chainProblem(batch.problem);
    // A row the engine thinks is on screen is not: start again from a snapshot.
    if (unapplied && this.selection !== null && this.pending === null) void this.select(this.selection);
  }

  private clear(): void {
    if (this.shown === null && this.ordered.length === 0) return;
    this.rows.clear();
    this.ordered = [];
    this.shown = null;
    this.seq = Number.NEGATIVE_INFINITY;
    this.straddle = [];
    this.markers = NO_MARKERS;
    this.summary.set(null);
    this.version += 1;
    this.sink?.setRows([], NO_MARKERS);
  }

  private isShown(underlying: string, expiry: string): boolean {
    return this.shown !== null && this.shown.underlying === underlying && this.shown.expiry === expiry;
  }
}

/** ATM, the ITM split and the OI bar scale for the rows on screen. */
export function computeMarkers(summary: ChainSummary, ordered: readonly ChainRow[]): ChainMarkers {
  const itmReference = summary.forward ?? summary.spot;
  let maxOi = 0;
  let strikesBelowReference = 0;
  for (const row of ordered) {
    maxOi = Math.max(maxOi, row.ce?.oi ?? 0, row.pe?.oi ?? 0);
    if (itmReference !== null && row.strike < itmReference) strikesBelowReference += 1;
  }
  return { atmStrike: summary.atmStrike, itmReference, strikesBelowReference, maxOi, lotSize: summary.lotSize };
}
