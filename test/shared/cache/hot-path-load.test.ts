import { describe, expect, it } from 'vitest';
import { instantiateHotPath, type WasmRuntime } from '../../../src/shared/cache/hot-path';
import { encodeTicker } from '../../../src/shared/feed/feed-encoder';

const memory = (): WebAssembly.Memory => new WebAssembly.Memory({ initial: 1 });

const refusing: WasmRuntime = {
  Module: class {
    constructor() {
      throw new WebAssembly.CompileError('WebAssembly.Module(): out of memory');
    }
  },
  Instance: WebAssembly.Instance as unknown as WasmRuntime['Instance'],
};

describe('loading the WebAssembly hot path', () => {
  it('binds the module to the memory it is given where the runtime has WebAssembly', () => {
    const bound = memory();
    const { hotPath, unavailableBecause } = instantiateHotPath(bound);
    // Control words at 0, an empty segment table at 64, a ticker at 4 096: no segment has a
    // direct table, so the walk stops at the packet and leaves it to the JavaScript path.
    hotPath?.setup(0, 64, 8_192, 12_288, 16_384, 32_768, 0, 0);
    new Uint8Array(bound.buffer).set(
      encodeTicker({ segment: 2, securityId: 41, ltp: 1, lttEpochS: 1 }),
      4_096,
    );
    expect([unavailableBecause, hotPath?.walk(4_096, 4_112), hotPath?.walk(4_112, 4_112)]).toEqual([
      null,
      4_096,
      4_112,
    ]);
  });

  it('names why there is none where WebAssembly is missing or refuses the module, so the JavaScript path runs', () => {
    expect(instantiateHotPath(memory(), null)).toEqual({
      hotPath: null,
      unavailableBecause: 'WebAssembly is not available in this runtime',
    });
    expect(instantiateHotPath(memory(), refusing)).toEqual({
      hotPath: null,
      unavailableBecause: 'the WebAssembly hot path was refused: WebAssembly.Module(): out of memory',
    });
  });
});
