/**
 * The seam between the charts panel and the charting library: the panel builds options, a
 * ChartView draws them. The app uses AG Charts (ag-chart-view.tsx); component tests, which run
 * without a canvas, pass a stand-in that shows the options as data.
 */
import type { AgCartesianChartOptions } from 'ag-charts-community';

export interface ChartViewProps {
  readonly options: AgCartesianChartOptions;
  /** Accessible name of the chart. */
  readonly label: string;
  readonly testId: string;
}
