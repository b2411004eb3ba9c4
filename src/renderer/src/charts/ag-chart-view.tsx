/** Draws a chart with AG Charts (canvas); only the app's bootstrap imports this file. */
import { AgCharts } from 'ag-charts-react';
import type { ChartViewProps } from './chart-view';
import { CHART_MODULES } from './chart-modules';

export function AgChartView({ options, label, testId }: ChartViewProps): React.JSX.Element {
  return (
    <figure className="chart" data-testid={testId} aria-label={label}>
      <AgCharts options={options} modules={CHART_MODULES} className="chart__canvas" />
    </figure>
  );
}
