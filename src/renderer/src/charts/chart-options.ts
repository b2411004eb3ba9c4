/**
 * Pure builders from chain data to chart options: open interest by strike, the IV smile and
 * the ATM straddle through the day. Kept free of React and of the canvas so they are tested
 * with exact values.
 */
import type {
  AgAxisLabelFormatterParams,
  AgCartesianChartOptions,
  AgCrossLineLabelPosition,
} from 'ag-charts-community';
import type { ChainRow, ChainSummary, SeriesPoint, SideView } from '../../../shared/api/view-types';
import { formatCompactCount, formatStrike, toUnit, type QuantityUnit } from '../util/format';
import { formatIstHourMinute } from '../util/format-time';
import type { ChartPalette } from './chart-palette';

export type OiChartMode = 'oi' | 'change';

export interface OiDatum {
  readonly strike: string;
  readonly ce: number | null;
  readonly pe: number | null;
}

export interface SmileDatum {
  readonly strike: number;
  readonly ours: number | null;
  readonly broker: number | null;
}

export interface StraddleDatum {
  readonly time: Date;
  readonly value: number;
}

/** OI (or OI change) per strike for both sides, in the chosen unit. */
export function oiChartData(
  rows: readonly ChainRow[],
  mode: OiChartMode,
  units: QuantityUnit,
  lotSize: number,
): OiDatum[] {
  const pick = (side: SideView | null): number | null =>
    toUnit(mode === 'oi' ? side?.oi : side?.oiChange, units, lotSize);
  return rows.map((row) => ({ strike: formatStrike(row.strike), ce: pick(row.ce), pe: pick(row.pe) }));
}

/**
 * The smile from out-of-the-money options, the side whose price carries the volatility
 * information: puts below the forward, calls at or above it; the other side fills a gap.
 */
export function smileData(rows: readonly ChainRow[], reference: number | null): SmileDatum[] {
  return rows.map((row) => {
    const putSide = reference !== null && row.strike < reference;
    const [primary, other] = putSide ? [row.pe, row.ce] : [row.ce, row.pe];
    return {
      strike: row.strike,
      ours: primary?.iv ?? other?.iv ?? null,
      broker: primary?.brokerIv ?? other?.brokerIv ?? null,
    };
  });
}

export function straddleData(series: readonly SeriesPoint[]): StraddleDatum[] {
  return series.map((point) => ({ time: new Date(point.atMs), value: point.value }));
}

/*
 * Each chart is redrawn with new options once a second. AG Charts compares them with the last
 * ones, and when only the data changed it skips re-processing the rest (its theme, axes and
 * series set-up, several megabytes of allocation a redraw). So every option but `data` must
 * come out the same from one sample to the next: label formatters are these constants rather
 * than a closure made at each call, and the forward's marker moves in steps (forwardMarker).
 */
const COUNT_LABEL = ({ value }: AgAxisLabelFormatterParams): string => formatCompactCount(Number(value));
const STRIKE_LABEL = ({ value }: AgAxisLabelFormatterParams): string => formatStrike(Number(value));
const IST_TIME_LABEL = ({ value }: AgAxisLabelFormatterParams): string => formatIstHourMinute(Number(value));

/** Plotted strike ranges are divided into this many steps for the forward's marker: a fraction of a pixel on any chart. */
const MARKER_STEPS = 1000;

/**
 * Where the smile marks the forward: the forward rounded to a thousandth of the plotted strike
 * range (well under a pixel), so that the marker, and with it the chart's options, changes only
 * when the move would show.
 */
export function forwardMarker(reference: number, rows: readonly ChainRow[]): number {
  const span =
    rows.length > 1 ? (rows[rows.length - 1] as ChainRow).strike - (rows[0] as ChainRow).strike : 0;
  if (span <= 0) return reference;
  const step = span / MARKER_STEPS;
  return Math.round(reference / step) * step;
}

function baseOptions(palette: ChartPalette, title: string): AgCartesianChartOptions {
  return {
    theme: {
      baseTheme: palette.baseTheme,
      params: {
        backgroundColor: palette.background,
        foregroundColor: palette.text,
        subtleTextColor: palette.subtle,
        gridLineColor: palette.grid,
        fontFamily: 'Inter, "Segoe UI", system-ui, sans-serif',
        fontSize: 11,
      },
    },
    title: { text: title, fontSize: 12, fontWeight: 600, textAlign: 'left' },
    padding: { top: 6, right: 10, bottom: 4, left: 6 },
    animation: { enabled: false },
    legend: { position: 'top', item: { label: { fontSize: 10 }, marker: { size: 8 } } },
  };
}

/** Bars of CE and PE open interest (or its change) per strike, with ATM and max pain marked. */
export function oiChartOptions(
  rows: readonly ChainRow[],
  summary: ChainSummary | null,
  mode: OiChartMode,
  units: QuantityUnit,
  palette: ChartPalette,
): AgCartesianChartOptions {
  const lotSize = summary?.lotSize ?? 0;
  const crossLines = [
    ...(summary?.atmStrike != null
      ? [marker(formatStrike(summary.atmStrike), 'ATM', palette.marker, 'top')]
      : []),
    ...(summary?.maxPain != null && summary.maxPain !== summary.atmStrike
      ? [marker(formatStrike(summary.maxPain), 'Max pain', palette.subtle, 'inside-top-right')]
      : []),
  ];
  const what = mode === 'oi' ? 'Open interest' : 'OI change';
  return {
    ...baseOptions(palette, `${what} by strike${units === 'lots' ? ' (lots)' : ''}`),
    data: oiChartData(rows, mode, units, lotSize),
    series: [
      { type: 'bar', xKey: 'strike', yKey: 'ce', yName: `CE ${what}`, fill: palette.ce, stroke: palette.ce },
      { type: 'bar', xKey: 'strike', yKey: 'pe', yName: `PE ${what}`, fill: palette.pe, stroke: palette.pe },
    ],
    axes: {
      x: { type: 'category', position: 'bottom', label: { fontSize: 10, rotation: -90 }, crossLines },
      y: { type: 'number', position: 'left', label: { fontSize: 10, formatter: COUNT_LABEL } },
    },
  };
}

/** Our IV smile and, when DhanHQ sent any, the broker's beside it (never mixed). */
export function smileChartOptions(
  rows: readonly ChainRow[],
  summary: ChainSummary | null,
  palette: ChartPalette,
): AgCartesianChartOptions {
  const reference = summary?.forward ?? summary?.spot ?? null;
  const data = smileData(rows, reference);
  const hasBroker = data.some((d) => d.broker !== null);
  return {
    ...baseOptions(palette, 'IV smile (%)'),
    data,
    series: [
      {
        type: 'line',
        xKey: 'strike',
        yKey: 'ours',
        yName: 'IV (ours, Black-76)',
        stroke: palette.ours,
        marker: { enabled: true, size: 3, fill: palette.ours },
      },
      ...(hasBroker
        ? [
            {
              type: 'line' as const,
              xKey: 'strike',
              yKey: 'broker',
              yName: 'Dhan IV',
              stroke: palette.broker,
              lineDash: [4, 3],
              marker: { enabled: true, size: 3, fill: palette.broker },
            },
          ]
        : []),
    ],
    axes: {
      x: {
        type: 'number',
        position: 'bottom',
        nice: false,
        label: { fontSize: 10, formatter: STRIKE_LABEL },
        crossLines:
          reference === null ? [] : [marker(forwardMarker(reference, rows), 'F', palette.marker, 'top')],
      },
      y: { type: 'number', position: 'left', label: { fontSize: 10 } },
    },
  };
}

/** The ATM straddle price through the day, on IST time. */
export function straddleChartOptions(
  series: readonly SeriesPoint[],
  palette: ChartPalette,
): AgCartesianChartOptions {
  return {
    ...baseOptions(palette, 'ATM straddle'),
    legend: { enabled: false },
    data: straddleData(series),
    series: [
      {
        type: 'line',
        xKey: 'time',
        yKey: 'value',
        yName: 'Straddle',
        stroke: palette.straddle,
        marker: { enabled: false },
      },
    ],
    axes: {
      x: { type: 'time', position: 'bottom', label: { fontSize: 10, formatter: IST_TIME_LABEL } },
      y: { type: 'number', position: 'left', label: { fontSize: 10 } },
    },
  };
}

function marker<V extends string | number>(
  value: V,
  text: string,
  color: string,
  position: AgCrossLineLabelPosition,
) {
  return {
    type: 'line' as const,
    value,
    stroke: color,
    strokeWidth: 1,
    lineDash: [3, 3],
    label: { text, position, fontSize: 10, color },
  };
}
