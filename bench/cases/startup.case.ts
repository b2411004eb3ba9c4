/**
 * Startup. (1) Process start → verified skeleton with the instrument master cached: a fresh
 * `node` process runs the real startup path (createAppRuntime().start(): credentials checked
 * against the simulator's /v2/profile, today's instrument-master cache read, skeleton built and
 * verified, cache registered, feed planned); the time runs from just before the parent spawns
 * it to the child's report that the skeleton is verified. Baseline: spawning `node -e ''` to
 * its exit. (2) A cold load of a 250 000-row scrip master: the real InstrumentMaster download
 * from the simulator over loopback HTTP, streamed into the parser, cached to disk, then the
 * skeleton built — timed, with the process's peak RSS.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InstrumentMaster } from '../../src/main/dhan/instrument-master';
import { createMarketHours, istDateOf } from '../../src/main/dhan/market-hours';
import { createLogger } from '../../src/main/logging/logger';
import { Redactor } from '../../src/main/logging/redactor';
import { systemClock, systemScheduler } from '../../src/main/util/system-clock';
import { DEFAULT_UNDERLYINGS } from '../../src/shared/model/instruments';
import { buildSkeleton } from '../../src/shared/model/skeleton-builder';
import { buildUniverse } from '../../src/sim/instruments/universe';
import { istParts } from '../../src/sim/util/ist-time';
import type { FigureResult } from '../harness/bench-result';
import { caseMain, progress } from '../harness/case-main';
import { missedBy } from '../harness/format-figure';
import { currentRole, RoleProcess, serveRole } from '../harness/role-ipc';
import { median } from '../harness/stats';
import { discardingStream } from '../workloads/engine-host';
import { simRole, type SimStarted } from '../workloads/sim-role';

const MASTER_ROWS = 250_000;
const TARGET_CACHED_MS = 1_000;
const TARGET_COLD_MS = 2_000;
const TARGET_COLD_RSS_MB = 300;

/** What startup-app.entry prints. */
interface Verified {
  readonly verifiedAtMs: number;
  readonly verified: boolean;
  readonly detail: string;
  readonly counts: { underlyings: number; expiries: number; strikes: number; tokens: number } | null;
  readonly source: string | null;
}

interface ColdLoad {
  readonly ms: number;
  readonly peakRssMb: number;
  readonly rowsRead: number;
  readonly rowsKept: number;
  readonly bytes: number;
}

/** Child: a cold instrument-master load (download → parse → cache file → skeleton). */
function coldRole(): void {
  serveRole({
    async load(args) {
      const { url } = args as { url: string };
      const cacheDir = mkdtempSync(join(tmpdir(), 'chainlens-bench-master-'));
      try {
        const master = new InstrumentMaster({
          url,
          cacheDir,
          underlyings: DEFAULT_UNDERLYINGS,
          clock: systemClock,
          scheduler: systemScheduler,
          logger: createLogger({ destination: discardingStream(), redactor: new Redactor(), level: 'info' }),
          marketHours: createMarketHours(),
        });
        const start = performance.now();
        const load = await master.load({ force: true });
        const skeleton = buildSkeleton(load.data, {
          underlyings: DEFAULT_UNDERLYINGS,
          minExpiry: istDateOf(Date.now()),
        });
        const ms = performance.now() - start;
        if (skeleton.counts.tokens === 0) throw new Error('the cold load produced an empty skeleton');
        return {
          ms,
          peakRssMb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
          rowsRead: load.status.rowsRead,
          rowsKept: load.status.rowsKept,
          bytes: load.status.bytes,
        } satisfies ColdLoad;
      } finally {
        rmSync(cacheDir, { recursive: true, force: true });
      }
    },
  });
}

/** Spawn → exit of `node -e ''`, ms. */
function bareNodeStart(): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(Date.now() - start));
  });
}

/** Spawns the app entry and resolves with spawn → verified skeleton, ms. */
function cachedStartup(
  appFile: string,
  env: Record<string, string>,
  dataDir: string,
): Promise<{ ms: number; verified: Verified }> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const child = spawn(process.execPath, [appFile, JSON.stringify({ env, dataDir })], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line) return reject(new Error(`the app entry exited with ${code}: ${out}`));
      const verified = JSON.parse(line) as Verified;
      if (!verified.verified) return reject(new Error(`the skeleton was not verified: ${verified.detail}`));
      resolve({ ms: verified.verifiedAtMs - start, verified });
    });
  });
}

async function runCase(
  quick: boolean,
  appFile: string,
): Promise<{ figures: FigureResult[]; notes: string[]; workload: string }> {
  const file = fileURLToPath(import.meta.url);
  const runs = quick ? 2 : 7;
  const universeRows = buildUniverse(1, istParts(Date.now()).date, { strikeRangeScale: 1.3 }).instruments
    .length;
  const sim = RoleProcess.start(file, 'sim');
  const dataDir = mkdtempSync(join(tmpdir(), 'chainlens-bench-startup-'));
  const notes: string[] = [];
  try {
    const started = await sim.call<SimStarted>('start', {
      ticksPerSecond: 300,
      scripMasterFillerRows: Math.max(0, MASTER_ROWS - universeRows),
    });
    // The first start downloads the master and caches it; the measured starts read that cache.
    const priming = await cachedStartup(appFile, started.env, dataDir);
    progress(`priming start (download): ${priming.ms} ms, source ${priming.verified.source}`);
    const cached: number[] = [];
    const bare: number[] = [];
    let verified: Verified = priming.verified;
    for (let r = 0; r < runs; r++) {
      bare.push(await bareNodeStart());
      const run = await cachedStartup(appFile, started.env, dataDir);
      if (run.verified.source !== 'cache')
        throw new Error(`startup ${r + 1} loaded the master from ${run.verified.source}, not the cache`);
      cached.push(run.ms);
      verified = run.verified;
      progress(`cached start ${r + 1}/${runs}: ${run.ms} ms (node -e '': ${bare[r]} ms)`);
    }
    const coldMs: number[] = [];
    const coldRss: number[] = [];
    let cold: ColdLoad | null = null;
    for (let r = 0; r < runs; r++) {
      const child = RoleProcess.start(file, 'cold');
      try {
        cold = await child.call<ColdLoad>('load', { url: started.env.DHAN_SCRIP_MASTER_URL });
      } finally {
        await child.stop(null);
      }
      coldMs.push(cold.ms);
      coldRss.push(cold.peakRssMb);
      progress(
        `cold load ${r + 1}/${runs}: ${cold.ms.toFixed(0)} ms, peak RSS ${cold.peakRssMb} MB, ${cold.rowsRead} rows`,
      );
    }
    const c = verified.counts;
    if (c)
      notes.push(
        `Verified skeleton: ${c.underlyings} underlyings · ${c.expiries} expiries · ${c.strikes} strikes · ${c.tokens} tokens.`,
      );
    const figures: FigureResult[] = [
      {
        id: 'startup.cached',
        label: 'Process start → verified skeleton, instrument master cached',
        unit: 'ms',
        higherIsBetter: false,
        samples: cached,
        baseline: { label: "node -e '' (spawn → exit)", samples: bare },
        ratio: { label: 'startup ÷ bare node', value: median(cached) / median(bare) },
        target: {
          text: `≤ ${TARGET_CACHED_MS} ms`,
          met: median(cached) <= TARGET_CACHED_MS,
          miss: missedBy(median(cached), TARGET_CACHED_MS, false, 'ms'),
        },
      },
      {
        id: 'startup.cold-time',
        label: `Cold instrument-master load: ${cold?.rowsRead.toLocaleString('en-US')} rows (${((cold?.bytes ?? 0) / 1e6).toFixed(1)} MB) downloaded, parsed, cached, skeleton built`,
        unit: 'ms',
        higherIsBetter: false,
        samples: coldMs,
        target: {
          text: `≤ ${TARGET_COLD_MS} ms`,
          met: median(coldMs) <= TARGET_COLD_MS,
          miss: missedBy(median(coldMs), TARGET_COLD_MS, false, 'ms'),
        },
        note: `${cold?.rowsKept.toLocaleString('en-US')} index-option rows kept.`,
      },
      {
        id: 'startup.cold-rss',
        label: 'Cold instrument-master load: peak RSS of the process',
        unit: 'MB',
        higherIsBetter: false,
        samples: coldRss,
        target: {
          text: `≤ ${TARGET_COLD_RSS_MB} MB`,
          met: median(coldRss) <= TARGET_COLD_RSS_MB,
          miss: missedBy(median(coldRss), TARGET_COLD_RSS_MB, false, 'MB'),
        },
      },
    ];
    const workload =
      `Simulator (seed 1, strikeRangeScale 1.3) in its own process serving a detailed scrip master of ${universeRows.toLocaleString('en-US')} ` +
      `universe rows plus ${Math.max(0, MASTER_ROWS - universeRows).toLocaleString('en-US')} filler rows (${MASTER_ROWS.toLocaleString('en-US')} in all). ` +
      `Cached start: the app's startup path alone, bundled (bench/cases/startup-app.entry.ts), in a fresh node process, credentials from DHAN_* variables (checked against /v2/profile), today's ` +
      `master cache primed by one earlier start; ${runs} starts alternating with ${runs} spawns of node -e ''. Cold load: ${runs} fresh processes, each ` +
      `downloading, parsing and caching the master and building the skeleton.`;
    return { figures, notes, workload };
  } finally {
    await sim.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const role = currentRole();
if (role === 'sim') simRole();
else if (role === 'cold') coldRole();
else {
  caseMain(async (config) => {
    const appFile = config.helpers['startup-app.entry'];
    if (!appFile) throw new Error('the startup-app.entry helper was not bundled');
    const { figures, notes, workload } = await runCase(config.quick, appFile);
    return { title: 'Startup', workload, figures, notes };
  });
}
