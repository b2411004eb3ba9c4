/**
 * The option chain grid. React renders it once per column/theme/unit choice; rows arrive
 * through the chain stream's sink as transactions, never through props.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GetRowIdParams, GridApi, GridReadyEvent } from 'ag-grid-community';
import type { ChainRow } from '../../../shared/api/view-types';
import { useAppStore, useServices } from '../store/store-context';
import { AgGridChainSink } from './ag-grid-chain-sink';
import { buildChainColumns, CHAIN_ROW_CLASS_RULES } from './chain-columns';
import { ChainGridContext } from './chain-grid-context';
import { chainRowId } from './chain-grid-sink';
import { CHAIN_GRID_MODULES } from './grid-modules';
import { gridTheme } from './grid-theme';
import { useRenderCount } from '../components/use-render-count';

const getRowId = (params: GetRowIdParams<ChainRow>): string => chainRowId(params.data);

/**
 * One object for the life of the page: AG Grid compares grid options by identity, and a new
 * defaultColDef (an inline literal) on every render made it rebuild every column, reading layout
 * as it went: about 80 ms of main thread each time the app state ticked.
 */
const DEFAULT_COL_DEF: ColDef<ChainRow> = { sortable: false, resizable: false, suppressHeaderMenuButton: true };

/**
 * Memoised: it takes no props, so the shell re-rendering for an app-state change (about once a
 * second) does not reach the grid.
 */
export const ChainGrid = memo(function ChainGrid(): React.JSX.Element {
  useRenderCount('ChainGrid');
  const { stream } = useServices();
  const theme = useAppStore((s) => s.theme);
  const units = useAppStore((s) => s.units);
  const visibleFields = useAppStore((s) => s.visibleFields);
  // One context object per grid instance; the sink updates its markers in place.
  const [context] = useState(() => new ChainGridContext(units));
  const apiRef = useRef<GridApi<ChainRow> | null>(null);
  const detachRef = useRef<(() => void) | null>(null);
  const columnDefs = useMemo(() => buildChainColumns(visibleFields, units), [visibleFields, units]);

  const onGridReady = useCallback(
    (event: GridReadyEvent<ChainRow>) => {
      apiRef.current = event.api;
      detachRef.current = stream.attachSink(new AgGridChainSink(event.api, context));
    },
    [stream, context],
  );

  useEffect(
    () => () => {
      detachRef.current?.();
      detachRef.current = null;
      apiRef.current = null;
    },
    [],
  );

  useEffect(() => {
    if (context.setUnits(units)) apiRef.current?.refreshCells({ force: true });
  }, [context, units]);

  return (
    <div className="chain-grid" data-testid="chain-grid" role="region" aria-label="Option chain">
      <AgGridReact<ChainRow>
        theme={gridTheme(theme)}
        modules={CHAIN_GRID_MODULES}
        columnDefs={columnDefs}
        context={context}
        getRowId={getRowId}
        rowClassRules={CHAIN_ROW_CLASS_RULES}
        onGridReady={onGridReady}
        // Apply each batch as it arrives: the engine already batches every 50 ms, so waiting only adds latency.
        asyncTransactionWaitMillis={0}
        cellFlashDuration={450}
        cellFadeDuration={0}
        animateRows={false}
        rowBuffer={4}
        suppressMovableColumns
        suppressDragLeaveHidesColumns
        defaultColDef={DEFAULT_COL_DEF}
        overlayNoRowsTemplate=" "
      />
    </div>
  );
});
