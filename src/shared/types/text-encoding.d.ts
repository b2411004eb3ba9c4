/**
 * TextEncoder and TextDecoder exist in every runtime src/shared runs in (Node, Chromium,
 * Electron) but belong to neither the ES library nor a runtime's own types; these are the
 * parts shared code may use.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
