/**
 * The live tick log: the newest ticks from the ring, newest first, in a virtualised grid.
 * It redraws at most twice a second, can be paused (the ring keeps recording) and filtered by
 * security id (or by label text). The engine pushes the log only while a view like this one is
 * mounted (TickLogWatch); it starts with the engine's newest entries.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GetRowIdParams, GridApi, GridReadyEvent } from 'ag-grid-community';
import { TICK_LOG_GRID_MODULES } from '../chain/grid-modules';
import { gridTheme } from '../chain/grid-theme';
import { ErrorNotice } from '../components/problem-notice';
import { useAppStore, useServices } from '../store/store-context';
import { formatCompactCount, formatInteger, formatPrice } from '../util/format';
import { tickFilter, type NumberedTick } from './tick-log-ring';

const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

function tickTime(atMs: number): string {
  return `${TIME.format(atMs)}.${String(Math.floor(atMs % 1000)).padStart(3, '0')}`;
}

const COLUMNS: ColDef<NumberedTick>[] = [
  { colId: 'time', headerName: 'Time (IST)', width: 100, valueGetter: (p) => (p.data ? tickTime(p.data.entry.atMs) : ''), cellClass: 'mono' },
  { colId: 'segment', headerName: 'Seg', width: 52, valueGetter: (p) => p.data?.entry.segment ?? null, cellClass: 'num' },
  { colId: 'securityId', headerName: 'Security id', width: 96, valueGetter: (p) => p.data?.entry.securityId ?? null, cellClass: 'num' },
  { colId: 'kind', headerName: 'Kind', width: 80, valueGetter: (p) => p.data?.entry.kind ?? '' },
  { colId: 'label', headerName: 'Instrument', flex: 1, minWidth: 160, valueGetter: (p) => p.data?.entry.label || '(outside the skeleton)' },
  { colId: 'ltp', headerName: 'LTP', width: 90, valueGetter: (p) => formatPrice(p.data?.entry.ltp), cellClass: 'num' },
  { colId: 'ltq', headerName: 'LTQ', width: 70, valueGetter: (p) => formatInteger(p.data?.entry.ltq), cellClass: 'num' },
  { colId: 'oi', headerName: 'OI', width: 86, valueGetter: (p) => formatCompactCount(p.data?.entry.oi), cellClass: 'num' },
  { colId: 'volume', headerName: 'Volume', width: 90, valueGetter: (p) => formatCompactCount(p.data?.entry.volume), cellClass: 'num' },
];

const getRowId = (params: GetRowIdParams<NumberedTick>): string => String(params.data.n);

/** @param refreshMs redraw period; default 500 ms. */
export function TickLogView({ refreshMs = 500 }: { readonly refreshMs?: number }): React.JSX.Element {
  const { tickLog, tickLogWatch, scheduler } = useServices();
  const [watchError, setWatchError] = useState(tickLogWatch.error);
  const theme = useAppStore((s) => s.theme);
  const [paused, setPaused] = useState(false);
  const [filterText, setFilterText] = useState('');
  const [shown, setShown] = useState({ rows: 0, seen: tickLog.totalSeen });
  const apiRef = useRef<GridApi<NumberedTick> | null>(null);
  const dirty = useRef(true);
  const filterId = useId();

  const redraw = useCallback(() => {
    const api = apiRef.current;
    if (!api) return;
    const rows = tickLog.newestFirst(tickFilter(filterText));
    api.setGridOption('rowData', rows);
    dirty.current = false;
    setShown({ rows: rows.length, seen: tickLog.totalSeen });
  }, [tickLog, filterText]);

  useEffect(() => tickLog.onChange(() => (dirty.current = true)), [tickLog]);

  useEffect(() => {
    const unsubscribe = tickLogWatch.onChange(() => setWatchError(tickLogWatch.error));
    const stop = tickLogWatch.watch();
    return () => {
      stop();
      unsubscribe();
    };
  }, [tickLogWatch]);

  useEffect(() => {
    if (paused) return undefined;
    redraw();
    const timer = scheduler.setInterval(() => {
      if (dirty.current) redraw();
    }, refreshMs);
    return () => scheduler.clearInterval(timer);
  }, [paused, redraw, scheduler, refreshMs]);

  const onGridReady = useCallback(
    (event: GridReadyEvent<NumberedTick>) => {
      apiRef.current = event.api;
      redraw();
    },
    [redraw],
  );

  return (
    <section className="tick-log" aria-label="Live tick log" data-testid="tick-log">
      {watchError && <ErrorNotice error={{ ...watchError, message: `The tick log could not be started: ${watchError.message}` }} />}
      <div className="tick-log__controls">
        <button type="button" className="btn" aria-pressed={paused} onClick={() => setPaused(!paused)} data-testid="tick-log-pause">
          {paused ? 'Resume' : 'Pause'}
        </button>
        <label htmlFor={filterId}>Filter</label>
        <input
          id={filterId}
          className="input"
          placeholder="Security id or instrument"
          value={filterText}
          onChange={(e) => {
            setFilterText(e.target.value);
            dirty.current = true;
          }}
          data-testid="tick-log-filter"
        />
        <span className="note" data-testid="tick-log-count">
          {paused ? 'Paused · ' : ''}
          {formatInteger(shown.rows)} shown · {formatInteger(Math.min(shown.seen, tickLog.capacity))} kept of {formatInteger(shown.seen)} received (last{' '}
          {formatInteger(tickLog.capacity)} kept)
        </span>
      </div>
      <div className="tick-log__grid">
        <AgGridReact<NumberedTick>
          theme={gridTheme(theme)}
          modules={TICK_LOG_GRID_MODULES}
          columnDefs={COLUMNS}
          getRowId={getRowId}
          onGridReady={onGridReady}
          suppressMovableColumns
          animateRows={false}
          defaultColDef={{ sortable: false, resizable: false, suppressHeaderMenuButton: true }}
          overlayNoRowsTemplate="<span>No ticks yet.</span>"
        />
      </div>
    </section>
  );
}
