import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../../bench/harness/bench-result';
import { renderMarkdown, type ReportInput } from '../../bench/harness/render-markdown';

const analytics: CaseResult = {
  name: 'analytics',
  title: 'Analytics',
  workload: '200 strikes.',
  figures: [
    {
      id: 'analytics.recompute',
      label: 'Recompute',
      unit: 'ms/batch',
      higherIsBetter: false,
      samples: [0.3, 0.25, 0.28],
      target: { text: '< 1 ms per batch', met: true },
    },
  ],
  loadavg: { start: [0.5, 0.5, 0.5], end: [0.5, 0.5, 0.5] },
  durationMs: 6_000,
  notes: [],
};

function report(seconds: number, suite: ReportInput['suite']): string {
  const startedAt = new Date('2026-11-26T10:00:00Z');
  const input: ReportInput = {
    results: [analytics],
    machine: {
      cpu: 'Test CPU',
      cores: 2,
      memoryGiB: 8,
      os: 'Linux',
      node: 'v20',
      v8: '11.3',
      chromium: 'none',
      loadavg: [0.5, 0.5, 0.5],
    },
    quick: suite === 'quick',
    startedAt,
    finishedAt: new Date(startedAt.getTime() + seconds * 1000),
    endLoad: [0.5, 0.5, 0.5],
    suite,
  };
  return renderMarkdown(input);
}

const MISSED_HEADING = '## Missed targets, and by how much';

describe('renderMarkdown: the full suite’s running time', () => {
  it('lists a full suite that took 10 minutes or more as a missed target, with the seconds over', () => {
    const text = report(625, 'full');
    expect(text).toContain('(625 s). How to run and read it');
    expect(text).toContain(
      `${MISSED_HEADING}\n\n- **The full suite's running time**: 625 s, 25 s over the 600 s (10 minutes) it must finish in.\n`,
    );
  });

  it('says nothing of time for a full suite under 10 minutes with every target met', () => {
    const text = report(599, 'full');
    expect(text).toContain('(599 s)');
    expect(text).not.toContain(MISSED_HEADING);
  });

  it('holds --quick to its 2 minutes', () => {
    expect(report(121, 'quick')).toContain(
      `${MISSED_HEADING}\n\n- **The quick suite's running time**: 121 s, 1 s over the 120 s (2 minutes) it must finish in.\n`,
    );
    expect(report(119, 'quick')).not.toContain(MISSED_HEADING);
  });

  it('does not hold a partial or long-soak run to either limit', () => {
    expect(report(1_020, 'partial')).not.toContain(MISSED_HEADING);
  });
});
