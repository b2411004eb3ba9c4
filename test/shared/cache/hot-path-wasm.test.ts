import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileHotPathWat, hotPathModuleSource } from '../../../scripts/hot-path-source.mjs';

describe('the committed WebAssembly hot path', () => {
  it('is the binary of hot-path.wat as it stands (run `node scripts/build-hot-path.mjs` after editing it)', async () => {
    const binary = await compileHotPathWat(readFileSync('src/shared/cache/hot-path.wat', 'utf8'));
    expect(readFileSync('src/shared/cache/hot-path-wasm.ts', 'utf8')).toBe(hotPathModuleSource(binary));
  });
});
