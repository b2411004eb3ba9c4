/**
 * The charts beside the grid: OI by strike (or its change), the IV smile and the ATM straddle
 * through the day, redrawn at most once a second from a sample of the chain stream.
 */
import { Component, useMemo, useState, type ReactNode } from 'react';
import { useAppStore, useServices } from '../store/store-context';
import { chartPalette } from './chart-palette';
import { oiChartOptions, smileChartOptions, straddleChartOptions, type OiChartMode } from './chart-options';
import { useChainSample } from './use-chain-sample';
import { useRenderCount } from '../components/use-render-count';

/** A chart that fails to draw says so in place instead of blanking the panel. */
class ChartBoundary extends Component<{ readonly name: string; readonly children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };

  static getDerivedStateFromError(error: unknown): { error: string } {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  override componentDidCatch(error: unknown): void {
    console.error(`[chainlens] the ${this.props.name} chart failed to draw`, error);
  }

  override render(): ReactNode {
    if (this.state.error !== null) {
      return (
        <div className="chart chart--failed" role="status">
          The {this.props.name} chart could not be drawn: {this.state.error}
        </div>
      );
    }
    return this.props.children;
  }
}

export function ChartsPanel(): React.JSX.Element {
  useRenderCount('ChartsPanel');
  const { stream, scheduler, ChartView } = useServices();
  const theme = useAppStore((s) => s.theme);
  const units = useAppStore((s) => s.units);
  const [oiMode, setOiMode] = useState<OiChartMode>('oi');
  const sample = useChainSample(stream, scheduler);
  const palette = chartPalette(theme);

  const oi = useMemo(() => oiChartOptions(sample.rows, sample.summary, oiMode, units, palette), [sample, oiMode, units, palette]);
  const smile = useMemo(() => smileChartOptions(sample.rows, sample.summary, palette), [sample, palette]);
  // The series changes when a point is added (every 15 s), not with every sample: keyed on the
  // series itself, the chart is not re-processed once a second for nothing.
  const straddle = useMemo(() => straddleChartOptions(sample.straddle, palette), [sample.straddle, palette]);

  return (
    <aside className="charts-panel" aria-label="Charts" data-testid="charts-panel">
      <div className="charts-panel__oi">
        <div className="segmented" role="group" aria-label="Open interest chart shows">
          <button type="button" aria-pressed={oiMode === 'oi'} onClick={() => setOiMode('oi')}>
            OI
          </button>
          <button type="button" aria-pressed={oiMode === 'change'} onClick={() => setOiMode('change')}>
            OI change
          </button>
        </div>
        <ChartBoundary name="open interest">
          <ChartView options={oi} label="Open interest by strike, calls and puts" testId="chart-oi" />
        </ChartBoundary>
      </div>
      <ChartBoundary name="IV smile">
        <ChartView options={smile} label="Implied volatility by strike" testId="chart-smile" />
      </ChartBoundary>
      <ChartBoundary name="straddle">
        <ChartView options={straddle} label="ATM straddle price through the day" testId="chart-straddle" />
      </ChartBoundary>
    </aside>
  );
}
