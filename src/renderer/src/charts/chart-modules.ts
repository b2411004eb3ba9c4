/** The AG Charts community modules the three charts need (bar, line; category, number, time axes). */
import {
  BarSeriesModule,
  CartesianChartModule,
  CategoryAxisModule,
  CrossLinesModule,
  LegendModule,
  LineSeriesModule,
  NumberAxisModule,
  TimeAxisModule,
  type AgChartModule,
} from 'ag-charts-community';

export const CHART_MODULES: AgChartModule[] = [
  CartesianChartModule,
  BarSeriesModule,
  LineSeriesModule,
  CategoryAxisModule,
  NumberAxisModule,
  TimeAxisModule,
  CrossLinesModule,
  LegendModule,
];
