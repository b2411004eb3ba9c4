/**
 * Sums a Chromium trace (from `--profile DIR` on the tick-to-screen benchmarks) by event name,
 * for the renderer's main thread: where its time goes (script, style, layout, paint…).
 *   npx tsx bench/trace-top.ts DIR/some.trace.json [count]
 */
import { readFileSync } from 'node:fs';

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string };
}

function main(): void {
  const [file, countText] = process.argv.slice(2);
  if (!file) {
    console.error('usage: npx tsx bench/trace-top.ts FILE.trace.json [count]');
    process.exitCode = 2;
    return;
  }
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mainThreads = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const totals = new Map<string, { us: number; count: number; longest: number }>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined || !mainThreads.has(`${e.pid}:${e.tid}`)) continue;
    const t = totals.get(e.name) ?? { us: 0, count: 0, longest: 0 };
    t.us += e.dur;
    t.count++;
    t.longest = Math.max(t.longest, e.dur);
    totals.set(e.name, t);
  }
  console.log(
    'event (renderer main thread; nested events overlap their parents)   total ms   count   longest ms',
  );
  for (const [name, t] of [...totals].sort((a, b) => b[1].us - a[1].us).slice(0, Number(countText ?? 25))) {
    console.log(
      `${name.padEnd(40)} ${(t.us / 1000).toFixed(0).padStart(9)} ${String(t.count).padStart(7)} ${(t.longest / 1000).toFixed(1).padStart(11)}`,
    );
  }
}

main();
