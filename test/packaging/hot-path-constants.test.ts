/**
 * The per-packet path reads its codes and offsets from TypeScript enums (feed-layout.ts,
 * quote-record.ts) so that the bundler writes them in as numbers; a property load per field
 * cost about a quarter of the decode rate. This holds only while both bundlers inline them:
 * the app's (electron-vite's main build, which must leave TypeScript to Rolldown — `oxc: false`
 * in electron.vite.config.ts) and the benchmarks' (esbuild). Each test reads the hot routines
 * out of a real bundle and checks that no layout table is left in them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCases, type BundledCases } from '../../bench/harness/bundle-cases';
import { OUT_DIR, PROJECT_ROOT, ensureBuilt } from './ensure-build';

const LAYOUT_TABLES =
  /\b(HEADER|FEED_CODE|TICKER|QUOTE|OI|PREV_CLOSE|FULL|DEPTH|META|META_RECORD|HOT|WORD|DEPTH_WORD|KNOWN|STATE|RECORD|CONTROL)\.[A-Z_]+/g;

/** The text of a method or function from its name to the first line that closes it at its own indent. */
function routine(bundle: string, header: RegExp): string {
  const match = header.exec(bundle);
  if (match === null) throw new Error(`${header} is not in the bundle`);
  const lineStart = bundle.lastIndexOf('\n', match.index) + 1;
  const indent = /^[\t ]*/.exec(bundle.slice(lineStart))?.[0] ?? '';
  const end = bundle.indexOf(`\n${indent}}`, match.index);
  return bundle.slice(match.index, end);
}

function hotRoutines(bundle: string): Record<string, string> {
  return {
    applyFrame: routine(bundle, /\n\s*applyFrame\(bytes\) \{/),
    stageFrame: routine(bundle, /\n\s*stageFrame\(bytes\) \{/),
    walkHot: routine(bundle, /\n\s*walkHot\(start, end, frameEnds\) \{/),
    walkPackets: routine(bundle, /function walkPackets\(/),
    packet: routine(bundle, /\n\s*packet\(code, segment, securityId, view, at\) \{/),
    stored: routine(bundle, /\n\s*stored\(slot, known, clear\) \{/),
    copyTicker: routine(bundle, /\n\s*copyTicker\(hot, view, at\) \{/),
    copyFull: routine(bundle, /\n\s*copyFull\(slot, view, at\) \{/),
    copySixDoubles: routine(bundle, /\n\s*copySixDoubles\(to, view, from\) \{/),
  };
}

function layoutReads(routines: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(routines).map(([name, text]) => [name, text.match(LAYOUT_TABLES) ?? []]),
  );
}

const NONE = {
  applyFrame: [],
  stageFrame: [],
  walkHot: [],
  walkPackets: [],
  packet: [],
  stored: [],
  copyTicker: [],
  copyFull: [],
  copySixDoubles: [],
};

describe('layout constants on the per-packet path', () => {
  let bench: BundledCases | null = null;

  beforeAll(async () => {
    await ensureBuilt({ rebuildIfStale: true });
    bench = await bundleCases(
      PROJECT_ROOT,
      new Map([['codec.case', join(PROJECT_ROOT, 'bench/cases/codec.case.ts')]]),
    );
  }, 300_000);

  afterAll(() => bench?.dispose());

  it('are numbers in the app main bundle, which carries the WebAssembly hot path', () => {
    const bundle = readFileSync(join(OUT_DIR, 'main', 'index.js'), 'utf8');
    const routines = hotRoutines(bundle);
    // The binary's first bytes: "\0asm", version 1 (hot-path-wasm.ts).
    expect(bundle).toMatch(
      /HOT_PATH_BYTES = Object\.freeze\(\[\s*0,\s*97,\s*115,\s*109,\s*1,\s*0,\s*0,\s*0,/,
    );
    expect(layoutReads(routines)).toEqual(NONE);
    // A ticker packet: LTP (offset 8) and LTT (offset 12) into hot words 0 and 1.
    expect(routines.copyTicker).toMatch(/h\[hot( \+ 0)?\] = view\.getUint32\(at \+ 8, true\)/);
    expect(routines.copyTicker).toMatch(/h\[hot \+ 1\] = view\.getUint32\(at \+ 12, true\)/);
  });

  it('are numbers in the benchmarks’ bundle', () => {
    const file = bench?.files.get('codec.case');
    if (file === undefined) throw new Error('the codec benchmark was not bundled');
    const routines = hotRoutines(readFileSync(file, 'utf8'));
    expect(layoutReads(routines)).toEqual(NONE);
    expect(routines.copyTicker).toMatch(
      /h\[hot( \+ 0)?( \/\* LTP \*\/)?\] = view\.getUint32\(at \+ 8( \/\* LTP \*\/)?, true\)/,
    );
  });
});
