/**
 * Validation of every frame a browser tab sends on the API socket (src/shared/api/ws-protocol.ts).
 * The envelope is checked here; the method and its request are checked by the API session. A
 * frame whose id cannot be read cannot be answered, so the caller counts and logs it instead.
 */
import { z } from 'zod';

/** Ids are the page's own counters: whole, non-negative, exactly representable. */
const IdSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * Strict: an extra key (including `__proto__` or `constructor`) is a malformed frame. A missing
 * `request` reads as undefined, which the session accepts only for operations without one.
 */
const InvokeSchema = z.strictObject({
  id: IdSchema,
  method: z.string().min(1).max(64),
  request: z.unknown(),
});

export type WsFrameVerdict =
  | { readonly kind: 'invoke'; readonly id: number; readonly method: string; readonly request: unknown }
  | { readonly kind: 'rejected'; readonly id: number | null; readonly message: string };

/** Parses one text frame; never throws. Messages name the problem but never echo the frame. */
export function readInvokeFrame(text: string): WsFrameVerdict {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'rejected', id: null, message: `The frame is not JSON (${text.length} characters).` };
  }
  const id = usableId(value);
  const parsed = InvokeSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'frame';
    return { kind: 'rejected', id, message: `Malformed API frame: ${where}: ${issue?.code ?? 'invalid'}` };
  }
  return { kind: 'invoke', id: parsed.data.id, method: parsed.data.method, request: parsed.data.request };
}

function usableId(value: unknown): number | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  if (!Object.prototype.hasOwnProperty.call(value, 'id')) return null;
  const result = IdSchema.safeParse((value as { id: unknown }).id);
  return result.success ? result.data : null;
}
