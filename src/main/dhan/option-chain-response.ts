/**
 * The option-chain REST answer, typed. DhanHQ keys strikes by strings such as "25650.000000"
 * in a JSON object whose order must not be trusted, so rows are parsed to numbers and sorted.
 * `security_id` and `average_price` arrived later in DhanHQ's API and may be absent. DhanHQ's
 * own IV and greeks are kept in broker* fields, apart from the engine's own calculations.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors/app-error';
import type { ExchangeSegmentName, IsoDate } from '../../shared/model/instruments';

export interface OptionChainSide {
  /** Absent in older DhanHQ answers; then the scrip master gives the id. */
  readonly securityId: number | null;
  readonly lastPrice: number;
  /** Day's average traded price; absent in older answers. */
  readonly averagePrice: number | null;
  readonly oi: number;
  readonly previousOi: number;
  readonly volume: number;
  readonly previousVolume: number;
  readonly previousClosePrice: number;
  readonly topBidPrice: number;
  readonly topBidQuantity: number;
  readonly topAskPrice: number;
  readonly topAskQuantity: number;
  /** DhanHQ's implied volatility in percent (14.13 means 14.13 %). */
  readonly brokerIvPercent: number | null;
  readonly brokerDelta: number | null;
  readonly brokerGamma: number | null;
  readonly brokerTheta: number | null;
  readonly brokerVega: number | null;
}

export interface OptionChainRow {
  readonly strike: number;
  readonly ce: OptionChainSide | null;
  readonly pe: OptionChainSide | null;
}

export interface OptionChainRequest {
  /** The underlying's id: the IDX_I id for indices (NIFTY 13). */
  readonly underlyingSecurityId: number;
  /** The underlying's segment: IDX_I for every index, including SENSEX and BANKEX. */
  readonly underlyingSegment: ExchangeSegmentName;
  /** One of the dates from the expiry list. */
  readonly expiry: IsoDate;
}

export interface OptionChainResult extends OptionChainRequest {
  /** The underlying's LTP (`data.last_price`), a float32 value widened to double; null if absent. */
  readonly spotLastPrice: number | null;
  /** Ascending by strike. */
  readonly rows: readonly OptionChainRow[];
  /** Strike keys that were not numbers, skipped. */
  readonly skippedStrikes: number;
  readonly fetchedAtMs: number;
}

const maybeNumber = z.number().nullable().optional();

const sideSchema = z.object({
  security_id: z.union([z.number(), z.string()]).nullable().optional(),
  last_price: maybeNumber,
  average_price: maybeNumber,
  oi: maybeNumber,
  previous_oi: maybeNumber,
  volume: maybeNumber,
  previous_volume: maybeNumber,
  previous_close_price: maybeNumber,
  implied_volatility: maybeNumber,
  top_bid_price: maybeNumber,
  top_bid_quantity: maybeNumber,
  top_ask_price: maybeNumber,
  top_ask_quantity: maybeNumber,
  greeks: z
    .object({ delta: maybeNumber, theta: maybeNumber, gamma: maybeNumber, vega: maybeNumber })
    .nullable()
    .optional(),
});

const chainSchema = z.object({
  data: z.object({
    last_price: maybeNumber,
    oc: z.record(
      z.string(),
      z.object({ ce: sideSchema.nullable().optional(), pe: sideSchema.nullable().optional() }),
    ),
  }),
});

type SideJson = z.infer<typeof sideSchema>;

/** Parses a successful option-chain body; a body of another shape is REST_UNEXPECTED. */
export function parseOptionChain(
  json: unknown,
  request: OptionChainRequest,
  fetchedAtMs: number,
  endpoint: string,
): OptionChainResult {
  const parsed = chainSchema.safeParse(json);
  if (!parsed.success) throw unexpectedShape(endpoint, parsed.error);
  const rows: OptionChainRow[] = [];
  let skippedStrikes = 0;
  for (const [key, pair] of Object.entries(parsed.data.data.oc)) {
    const strike = Number.parseFloat(key);
    if (!Number.isFinite(strike)) {
      skippedStrikes++;
      continue;
    }
    rows.push({ strike, ce: pair.ce ? side(pair.ce) : null, pe: pair.pe ? side(pair.pe) : null });
  }
  rows.sort((a, b) => a.strike - b.strike);
  return {
    ...request,
    spotLastPrice: parsed.data.data.last_price ?? null,
    rows,
    skippedStrikes,
    fetchedAtMs,
  };
}

function side(json: SideJson): OptionChainSide {
  const id =
    json.security_id === null || json.security_id === undefined ? Number.NaN : Number(json.security_id);
  return {
    securityId: Number.isSafeInteger(id) && id > 0 ? id : null,
    lastPrice: json.last_price ?? 0,
    averagePrice: json.average_price ?? null,
    oi: json.oi ?? 0,
    previousOi: json.previous_oi ?? 0,
    volume: json.volume ?? 0,
    previousVolume: json.previous_volume ?? 0,
    previousClosePrice: json.previous_close_price ?? 0,
    topBidPrice: json.top_bid_price ?? 0,
    topBidQuantity: json.top_bid_quantity ?? 0,
    topAskPrice: json.top_ask_price ?? 0,
    topAskQuantity: json.top_ask_quantity ?? 0,
    brokerIvPercent: json.implied_volatility ?? null,
    brokerDelta: json.greeks?.delta ?? null,
    brokerGamma: json.greeks?.gamma ?? null,
    brokerTheta: json.greeks?.theta ?? null,
    brokerVega: json.greeks?.vega ?? null,
  };
}

/** REST_UNEXPECTED naming the first offending field, for the support bundle. */
export function unexpectedShape(endpoint: string, error: z.ZodError): AppError {
  const issue = error.issues[0];
  const where = issue ? issue.path.join('.') || '(root)' : '(root)';
  return new AppError(
    'REST_UNEXPECTED',
    `Unexpected answer from ${endpoint}: ${where}: ${issue?.message ?? 'invalid'}`,
    {
      httpStatus: 200,
      dhanCode: null,
      endpoint,
    },
  );
}
