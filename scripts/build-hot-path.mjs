// Compiles the QuoteCache's WebAssembly hot path (src/shared/cache/hot-path.wat) and writes
// the binary, base64-encoded, to src/shared/cache/hot-path-wasm.ts, which the app bundles.
// Run after editing the .wat: `node scripts/build-hot-path.mjs`. The test
// test/shared/cache/hot-path-wasm.test.ts fails while the two disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hotPathModuleSource, compileHotPathWat } from './hot-path-source.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wat = join(root, 'src', 'shared', 'cache', 'hot-path.wat');
const out = join(root, 'src', 'shared', 'cache', 'hot-path-wasm.ts');
const binary = await compileHotPathWat(readFileSync(wat, 'utf8'));
writeFileSync(out, hotPathModuleSource(binary));
console.log(`wrote ${out} (${binary.length} bytes of WebAssembly)`);
