/**
 * `npm run bench`: bundles every benchmark, runs each in its own node process, prints a table
 * and writes BENCHMARKS.md. See docs/benchmarks.md.
 *
 *   npm run bench                 the full suite (BENCHMARKS.md), under 10 minutes: a 2-minute soak
 *   npm run bench:long            the same with the 10-minute soak (about 17 minutes)
 *   npm run bench -- --quick      shorter runs for development (report in the temp folder)
 *   npm run bench -- --only codec-ticker,analytics
 *   npm run bench -- --out some/file.md
 *   npm run bench -- --profile DIR   also write V8 CPU profiles of every benchmark process to DIR
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CaseResult } from './harness/bench-result';
import { bundleCases } from './harness/bundle-cases';
import { CHROMIUM_EXECUTABLE } from './harness/chromium';
import { consoleTable } from './harness/console-table';
import { machineInfo } from './harness/machine-info';
import { renderMarkdown } from './harness/render-markdown';
import { spawnCase } from './harness/spawn-case';
import { CASES } from './cases/case-registry';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string' },
      'soak-minutes': { type: 'string' },
      profile: { type: 'string' },
    },
  });
  const repoRoot = resolve(__dirname, '..');
  const quick = values.quick === true;
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = (only ?? []).filter((name) => !CASES.some((c) => c.name === name));
  if (unknown.length > 0) {
    console.error(
      `Unknown benchmark(s): ${unknown.join(', ')}. Known: ${CASES.map((c) => c.name).join(', ')}`,
    );
    return 2;
  }
  const selected = CASES.filter((c) => only === undefined || only.includes(c.name));
  // A quick run is for development: its report goes to the temp folder unless --out says otherwise.
  const out = values.out
    ? resolve(values.out)
    : quick
      ? join(tmpdir(), 'chainlens-BENCHMARKS.quick.md')
      : join(repoRoot, 'BENCHMARKS.md');
  if (values.profile) mkdirSync(resolve(values.profile), { recursive: true });
  const startedAt = new Date();
  const machine = machineInfo(CHROMIUM_EXECUTABLE);
  console.log(
    `ChainLens benchmarks (${quick ? 'quick' : 'full'}): ${selected.map((c) => c.name).join(', ')}`,
  );
  console.log(
    `${machine.cpu} · ${machine.cores} cores · Node ${machine.node} · load ${machine.loadavg.join(' ')}`,
  );

  const entryNames = new Set(selected.flatMap((c) => [c.entry, ...(c.helpers ?? [])]));
  const entries = new Map(
    [...entryNames].map((name) => [name, join(repoRoot, 'bench', 'cases', `${name}.ts`)]),
  );
  const bundle = await bundleCases(repoRoot, entries);
  // Profiles name bundle lines: keep a copy of the bundles beside them.
  if (values.profile) cpSync(bundle.dir, join(resolve(values.profile), 'bundles'), { recursive: true });
  const resultsDir = mkdtempSync(join(tmpdir(), 'chainlens-bench-results-'));
  const results: CaseResult[] = [];
  try {
    for (const spec of selected) {
      console.log(`\n▶ ${spec.name}`);
      const options = {
        ...spec.options,
        ...(values['soak-minutes'] ? { soakMinutes: Number(values['soak-minutes']) } : {}),
      };
      const result = await spawnCase({
        file: bundle.files.get(spec.entry) as string,
        config: {
          name: spec.name,
          quick,
          resultFile: join(resultsDir, `${spec.name}.json`),
          repoRoot,
          options,
          helpers: Object.fromEntries((spec.helpers ?? []).map((h) => [h, bundle.files.get(h) as string])),
        },
        nodeArgs: spec.nodeArgs ?? [],
        timeoutMs: quick ? spec.timeoutMs.quick : spec.timeoutMs.full,
        ...(values.profile ? { profileDir: resolve(values.profile) } : {}),
      });
      results.push(result);
      console.log(
        result.error
          ? `  ✗ ${result.error.split('\n')[0]}`
          : `  ✓ ${(result.durationMs / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    bundle.dispose();
    rmSync(resultsDir, { recursive: true, force: true });
  }
  const finishedAt = new Date();
  console.log(`\n${consoleTable(results)}`);
  const analysis = join(repoRoot, 'bench', 'analysis.md');
  const findings = existsSync(analysis)
    ? readFileSync(analysis, 'utf8')
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
    : [];
  writeFileSync(
    out,
    renderMarkdown({
      results,
      machine,
      quick,
      startedAt,
      finishedAt,
      endLoad: machineInfo(CHROMIUM_EXECUTABLE).loadavg,
      findings,
      suite: only !== undefined || values['soak-minutes'] !== undefined ? 'partial' : quick ? 'quick' : 'full',
    }),
  );
  console.log(`\nWrote ${out} (${((finishedAt.getTime() - startedAt.getTime()) / 1000).toFixed(0)} s)`);
  return results.some((r) => r.error) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
