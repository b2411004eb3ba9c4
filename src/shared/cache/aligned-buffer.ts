/**
 * Zeroed memory whose first byte starts a CPU cache line. JavaScript cannot ask for aligned
 * memory, and an ArrayBuffer lands wherever the allocator puts it: for the QuoteCache's cold
 * records (192 bytes each, three 64-byte lines when the table starts on a line) a start 16
 * bytes off a line makes every record touch four lines. From one fresh process to the next
 * the same code decoded full packets at about 24 or about 19.5 M/s; with the table on a page
 * boundary the median of eight processes was 24.1 M/s against 20.4 for five without
 * (bench/analysis.md). A WebAssembly memory is page-aligned by definition, so its buffer is
 * used where the runtime offers one; elsewhere (e.g. `--jitless`, or a refused reservation) a
 * plain ArrayBuffer, which works the same and is only sometimes aligned.
 */

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

export interface WasmMemoryConstructor {
  new (descriptor: { initial: number; maximum?: number }): WasmMemory;
}

const WASM_PAGE_BYTES = 65_536;
/**
 * Smaller tables take a plain ArrayBuffer: each WebAssembly memory reserves gigabytes of
 * address space for its guard region, and alignment only pays where the table is too big to
 * stay in the CPU's cache anyway.
 */
export const ALIGNED_MIN_BYTES = 1 << 20;

export interface AlignedBuffer {
  readonly buffer: ArrayBuffer;
  /** The WebAssembly.Memory whose buffer this is, or null for a plain ArrayBuffer. */
  readonly memory: WasmMemory | null;
  /** True when the start is known to be page-aligned (a WebAssembly memory). */
  readonly aligned: boolean;
  /**
   * Why a table big enough to want alignment did not get it (no WebAssembly in this runtime,
   * or the memory was refused); null when aligned or too small to ask. Worth a log line: the
   * table works the same, only slower.
   */
  readonly unalignedBecause: string | null;
}

function runtimeWasmMemory(): WasmMemoryConstructor | null {
  return (globalThis as { WebAssembly?: { Memory?: WasmMemoryConstructor } }).WebAssembly?.Memory ?? null;
}

/**
 * At least `bytes` zeroed bytes (a whole number of 64 KiB pages when aligned).
 * @param memory the WebAssembly.Memory constructor, null where there is none; the runtime's by default.
 */
export function allocateAligned(
  bytes: number,
  memory: WasmMemoryConstructor | null = runtimeWasmMemory(),
): AlignedBuffer {
  if (bytes < ALIGNED_MIN_BYTES)
    return { buffer: new ArrayBuffer(bytes), memory: null, aligned: false, unalignedBecause: null };
  if (memory === null) {
    return {
      buffer: new ArrayBuffer(bytes),
      memory: null,
      aligned: false,
      unalignedBecause: 'WebAssembly is not available in this runtime',
    };
  }
  const pages = Math.ceil(bytes / WASM_PAGE_BYTES);
  try {
    const wasmMemory = new memory({ initial: pages, maximum: pages });
    return {
      buffer: wasmMemory.buffer,
      memory: wasmMemory,
      aligned: true,
      unalignedBecause: null,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      buffer: new ArrayBuffer(bytes),
      memory: null,
      aligned: false,
      unalignedBecause: `the WebAssembly memory was refused: ${reason}`,
    };
  }
}
