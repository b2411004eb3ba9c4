/** The small REST answers: the profile (token and Data-API plan check) and the expiry list. */
import { z } from 'zod';
import type { IsoDate } from '../../shared/model/instruments';
import { unexpectedShape } from './option-chain-response';

export interface DhanProfile {
  readonly clientId: string | null;
  /** As DhanHQ formats it, e.g. "30/03/2025 15:37" (IST). */
  readonly tokenValidity: string | null;
  /** "Active" or "Deactive". */
  readonly dataPlan: string | null;
  readonly dataValidity: string | null;
  readonly activeSegment: string | null;
  /** dataPlan read as a flag; null when DhanHQ did not say. */
  readonly dataPlanActive: boolean | null;
}

const text = z.union([z.string(), z.number()]).nullable().optional();
const profileSchema = z.object({
  dhanClientId: text,
  tokenValidity: text,
  dataPlan: text,
  dataValidity: text,
  activeSegment: text,
});

/** Accepts the documented flat body and, tolerantly, the same fields under `data`. */
export function parseProfile(json: unknown, endpoint: string): DhanProfile {
  const body = isRecord(json) && !('dhanClientId' in json) && isRecord(json['data']) ? json['data'] : json;
  const parsed = profileSchema.safeParse(body);
  if (!parsed.success) throw unexpectedShape(endpoint, parsed.error);
  const asText = (v: string | number | null | undefined): string | null =>
    v === null || v === undefined ? null : String(v);
  const dataPlan = asText(parsed.data.dataPlan);
  return {
    clientId: asText(parsed.data.dhanClientId),
    tokenValidity: asText(parsed.data.tokenValidity),
    dataPlan,
    dataValidity: asText(parsed.data.dataValidity),
    activeSegment: asText(parsed.data.activeSegment),
    dataPlanActive: dataPlan === null ? null : dataPlan.trim().toLowerCase() === 'active',
  };
}

const expirySchema = z.object({ data: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)) });

/** The expiry dates, ascending and distinct. */
export function parseExpiryList(json: unknown, endpoint: string): IsoDate[] {
  const parsed = expirySchema.safeParse(json);
  if (!parsed.success) throw unexpectedShape(endpoint, parsed.error);
  return [...new Set(parsed.data.data)].sort();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
