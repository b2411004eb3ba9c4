/** The summary table printed at the end of `npm run bench`. */
import type { CaseResult } from './bench-result';
import { formatRatio, formatSpread, formatVerdict } from './format-figure';
import { summarise } from './stats';

export function consoleTable(results: readonly CaseResult[]): string {
  const rows: string[][] = [['figure', 'median (min–max)', 'unit', 'baseline', 'ratio', 'target']];
  for (const result of results) {
    if (result.error) {
      rows.push([result.name, 'FAILED', '', '', '', result.error.split('\n')[0] ?? '']);
      continue;
    }
    for (const f of result.figures) {
      const baseline = f.baseline ? formatSpread([summarise(f.baseline.samples).median]) : '';
      rows.push([
        f.id,
        formatSpread(f.samples),
        f.unit,
        baseline,
        formatRatio(f),
        f.target ? `${formatVerdict(f)} (${f.target.text})` : '',
      ]);
    }
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
