/**
 * Loads the QuoteCache's WebAssembly hot path (hot-path.wat, compiled into hot-path-wasm.ts)
 * over the cache's own memory. Where the runtime has no WebAssembly (`--jitless`), or refuses
 * the module, the cache runs the same work in JavaScript and says why (QuoteCache.hotPathBecause).
 */
import { hotPathWasm } from './hot-path-wasm';

/** What the module exports (see hot-path.wat). */
export interface HotPathExports {
  /**
   * Tells the module where the control words, segment table, slot records, queue and tick ring are
   * (byte addresses), and how many entries the ring has (0: none).
   */
  setup(
    control: number,
    segments: number,
    meta: number,
    hot: number,
    cold: number,
    queue: number,
    ticks: number,
    tickCapacity: number,
  ): void;
  /** Applies the packets in [at, end) of the memory; returns the offset of the first one it did not apply. */
  walk(at: number, end: number): number;
}

export interface WasmRuntime {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: object };
}

function runtimeWasm(): WasmRuntime | null {
  const wasm = (globalThis as { WebAssembly?: Partial<WasmRuntime> }).WebAssembly;
  return wasm?.Module && wasm.Instance ? (wasm as WasmRuntime) : null;
}

/**
 * The hot path bound to `memory` (a WebAssembly.Memory), or why there is none.
 * @param runtime the WebAssembly namespace; the runtime's by default, null where there is none.
 */
export function instantiateHotPath(
  memory: object,
  runtime: WasmRuntime | null = runtimeWasm(),
): { readonly hotPath: HotPathExports | null; readonly unavailableBecause: string | null } {
  if (runtime === null)
    return { hotPath: null, unavailableBecause: 'WebAssembly is not available in this runtime' };
  try {
    const instance = new runtime.Instance(new runtime.Module(hotPathWasm()), { cache: { memory } });
    return { hotPath: instance.exports as HotPathExports, unavailableBecause: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { hotPath: null, unavailableBecause: `the WebAssembly hot path was refused: ${reason}` };
  }
}
