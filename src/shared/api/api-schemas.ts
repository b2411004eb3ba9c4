/**
 * Runtime validation of every request that arrives from a renderer or a browser tab. The main
 * process never trusts a payload's shape: it parses it here first and answers API_BAD_REQUEST
 * on anything else. Schemas are strict, so unknown (and prototype-polluting) keys are refused.
 */
import { z } from 'zod';
import type { InvokeMap, InvokeMethod } from './api-contract';

const NO_ARGUMENT = z.union([z.undefined(), z.null()]);

export const ChainSelectionSchema = z
  .strictObject({
    underlying: z.string().min(1).max(32).regex(/^[A-Z0-9&_-]+$/),
    expiry: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    strikeWindow: z.number().int().min(0).max(500),
  })
  .readonly();

export const CredentialInputSchema = z
  .strictObject({
    clientId: z.string().min(1).max(64).regex(/^[0-9A-Za-z]+$/),
    accessToken: z.string().min(10).max(4096).regex(/^[A-Za-z0-9._~+/=-]+$/),
  })
  .readonly();

export const ExternalLinkSchema = z.strictObject({ url: z.string().min(8).max(2048) }).readonly();

export const TickLogWatchSchema = z.strictObject({ watching: z.boolean() }).readonly();

type RequestSchemas = { [K in InvokeMethod]: z.ZodType<InvokeMap[K]['req'] | null | undefined> };

export const REQUEST_SCHEMAS: RequestSchemas = {
  getAppState: NO_ARGUMENT,
  getDiagnostics: NO_ARGUMENT,
  selectChain: ChainSelectionSchema,
  watchTickLog: TickLogWatchSchema,
  testCredentials: CredentialInputSchema,
  saveCredentials: CredentialInputSchema,
  clearCredentials: NO_ARGUMENT,
  reconnectFeed: NO_ARGUMENT,
  reloadInstrumentMaster: NO_ARGUMENT,
  exportSupportBundle: NO_ARGUMENT,
  startRecording: NO_ARGUMENT,
  stopRecording: NO_ARGUMENT,
  openExternal: ExternalLinkSchema,
  restartToUpdate: NO_ARGUMENT,
};

export type ParsedRequest<M extends InvokeMethod> =
  | { readonly ok: true; readonly value: InvokeMap[M]['req'] }
  | { readonly ok: false; readonly message: string };

/** Validates one request; the message names the offending field but never echoes its value. */
export function parseRequest<M extends InvokeMethod>(method: M, payload: unknown): ParsedRequest<M> {
  const result = REQUEST_SCHEMAS[method].safeParse(payload);
  if (result.success) return { ok: true, value: result.data as InvokeMap[M]['req'] };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'request';
  return { ok: false, message: `Invalid ${method} request: ${where}: ${issue?.code ?? 'invalid'}` };
}
