/**
 * Runs the WebAssembly walker experiment (wasm-walk-bench.ts) bundled with esbuild, as every
 * benchmark case is (bench/harness/bundle-cases.ts):
 *   npx tsx bench/experiments/run-wasm-walk.ts [runs]
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { bundleCases } from '../harness/bundle-cases';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  const bundled = await bundleCases(
    root,
    new Map([['wasm-walk-bench', resolve(__dirname, 'wasm-walk-bench.ts')]]),
  );
  try {
    const file = bundled.files.get('wasm-walk-bench') as string;
    const run = spawnSync(process.execPath, [file, ...process.argv.slice(2)], {
      cwd: root,
      stdio: 'inherit',
    });
    process.exitCode = run.status ?? 1;
  } finally {
    bundled.dispose();
  }
}

void main();
