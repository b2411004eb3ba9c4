/** The WebAssembly binary of a text module, validated. */
export function compileHotPathWat(text: string): Promise<Buffer>;
/** The generated TypeScript module (src/shared/cache/hot-path-wasm.ts) holding `binary`. */
export function hotPathModuleSource(binary: Buffer): string;
