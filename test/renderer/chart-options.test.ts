import { describe, expect, it } from 'vitest';
import {
  forwardMarker,
  oiChartData,
  oiChartOptions,
  smileChartOptions,
  smileData,
  straddleChartOptions,
  straddleData,
} from '../../src/renderer/src/charts/chart-options';
import { chartPalette } from '../../src/renderer/src/charts/chart-palette';
import type { ChainRow, SideView } from '../../src/shared/api/view-types';
import { FAKE_NOW_MS } from './fake-api';
import { createChainModel, summarize } from './fake-chain';

function side(values: Partial<SideView>): SideView {
  return { ...createChainModel({ nowMs: FAKE_NOW_MS, strikeCount: 1 }).rows.values().next().value!.ce!, ...values };
}

const rows: ChainRow[] = [
  { strike: 24900, ce: side({ oi: 750, oiChange: -150, iv: 11.5, brokerIv: 9.4 }), pe: side({ oi: 1500, oiChange: 300, iv: 11.9, brokerIv: 13.9 }) },
  { strike: 24950, ce: side({ oi: 3000, oiChange: 75, iv: 11.0, brokerIv: 8.9 }), pe: side({ oi: 2250, oiChange: null, iv: 11.1, brokerIv: 13.3 }) },
  { strike: 25000, ce: side({ oi: 4500, oiChange: 0, iv: null, brokerIv: null }), pe: side({ oi: 600, oiChange: -75, iv: 10.8, brokerIv: 12.8 }) },
];

describe('chart data', () => {
  it('gives OI per strike in quantity or lots', () => {
    expect(oiChartData(rows, 'oi', 'qty', 75)).toEqual([
      { strike: '24900', ce: 750, pe: 1500 },
      { strike: '24950', ce: 3000, pe: 2250 },
      { strike: '25000', ce: 4500, pe: 600 },
    ]);
    expect(oiChartData(rows, 'change', 'lots', 75)).toEqual([
      { strike: '24900', ce: -2, pe: 4 },
      { strike: '24950', ce: 1, pe: null },
      { strike: '25000', ce: 0, pe: -1 },
    ]);
  });

  it('builds the smile from puts below the forward and calls at or above it, filling gaps from the other side', () => {
    expect(smileData(rows, 24_960)).toEqual([
      { strike: 24900, ours: 11.9, broker: 13.9 },
      { strike: 24950, ours: 11.1, broker: 13.3 },
      { strike: 25000, ours: 10.8, broker: 12.8 },
    ]);
  });

  it('turns straddle samples into dated points', () => {
    expect(straddleData([{ atMs: FAKE_NOW_MS, value: 290.5 }])).toEqual([{ time: new Date(FAKE_NOW_MS), value: 290.5 }]);
  });
});

describe('chart options', () => {
  const model = createChainModel({ nowMs: FAKE_NOW_MS, strikeCount: 11 });
  const summary = summarize(model, FAKE_NOW_MS);
  const palette = chartPalette('dark');

  it('marks ATM and max pain on the OI chart', () => {
    const options = oiChartOptions([...model.rows.values()], { ...summary, atmStrike: 24950, maxPain: 25000 }, 'oi', 'qty', palette);
    const x = options.axes?.x as { crossLines: { value: string; label: { text: string } }[] };
    expect(x.crossLines.map((c) => [c.value, c.label.text])).toEqual([
      ['24950', 'ATM'],
      ['25000', 'Max pain'],
    ]);
    expect(options.series?.map((s) => ('yName' in s ? s.yName : ''))).toEqual(['CE Open interest', 'PE Open interest']);
  });

  it('shows the broker smile only when DhanHQ sent IVs', () => {
    const withBroker = smileChartOptions(rows, summary, palette);
    const without = smileChartOptions(
      rows.map((r) => ({ ...r, ce: r.ce && { ...r.ce, brokerIv: null }, pe: r.pe && { ...r.pe, brokerIv: null } })),
      summary,
      palette,
    );
    expect(withBroker.series?.map((s) => ('yName' in s ? s.yName : ''))).toEqual(['IV (ours, Black-76)', 'Dhan IV']);
    expect(without.series?.map((s) => ('yName' in s ? s.yName : ''))).toEqual(['IV (ours, Black-76)']);
  });

  it('keeps all options but the data the same between samples, so AG Charts takes in new data only', () => {
    const later = rows.map((r) => ({
      ...r,
      ce: r.ce && { ...r.ce, oi: (r.ce.oi ?? 0) + 75, iv: (r.ce.iv ?? 10) + 0.25 },
    }));
    const optionsOnly = (options: { data?: unknown }) => ({ ...options, data: null });
    const oi = (at: readonly ChainRow[]) => oiChartOptions(at, summary, 'oi', 'qty', palette);
    expect(optionsOnly(oi(rows))).toEqual(optionsOnly(oi(later)));
    expect(oi(later).data).not.toEqual(oi(rows).data);
    // The plotted strikes span 100 points: the forward's marker moves in steps of 0.1.
    const smile = (forward: number) => smileChartOptions(later, { ...summary, forward }, palette);
    const markerAt = (forward: number) =>
      (smile(forward).axes?.x as { crossLines: { value: number }[] }).crossLines[0]?.value;
    expect(optionsOnly(smile(24_960.02))).toEqual(optionsOnly(smile(24_960.04)));
    expect([markerAt(24_960.04), markerAt(24_960.06), markerAt(24_960.2)]).toEqual([
      forwardMarker(24_960, rows),
      forwardMarker(24_960.1, rows),
      forwardMarker(24_960.2, rows),
    ]);
    // One strike spans nothing: the marker is the forward itself.
    expect([forwardMarker(24_960.04, rows), forwardMarker(24_960.04, rows.slice(0, 1))]).toEqual([
      Math.round(249_600.4) * 0.1,
      24_960.04,
    ]);
  });

  it('plots the straddle on a time axis without a legend', () => {
    const options = straddleChartOptions([{ atMs: FAKE_NOW_MS, value: 301.2 }], palette);
    expect([options.axes?.x?.type, options.legend?.enabled, options.data]).toEqual(['time', false, [{ time: new Date(FAKE_NOW_MS), value: 301.2 }]]);
  });
});
