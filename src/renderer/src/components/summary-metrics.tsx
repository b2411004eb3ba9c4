/**
 * The header's numbers (spot, forward, PCR, max pain…), written straight into the DOM from the
 * chain stream's summary as batches arrive.
 */
import type { ChainSummary } from '../../../shared/api/view-types';
import { formatNumber, formatPrice, formatStrike, formatInteger, UNKNOWN } from '../util/format';
import { useServices } from '../store/store-context';
import { LiveText } from './live-text';
import { useRenderCount } from './use-render-count';

type Summary = ChainSummary | null;

interface Metric {
  readonly id: string;
  readonly label: string;
  readonly title: string;
  readonly format: (s: Summary) => string;
  readonly state?: (s: Summary) => string | undefined;
}

const forwardSourceWords = (s: Summary): string =>
  s?.forwardSource === 'future' ? 'future' : s?.forwardSource === 'parity' ? 'parity' : UNKNOWN;

const METRICS: readonly Metric[] = [
  { id: 'spot', label: 'Spot', title: 'The index value', format: (s) => formatPrice(s?.spot) },
  {
    id: 'forward',
    label: 'Fwd',
    title: "The forward the greeks use: the same-expiry future's price, or the put–call-parity forward",
    format: (s) => formatPrice(s?.forward),
  },
  { id: 'forward-source', label: 'from', title: 'Which forward is in use', format: forwardSourceWords },
  { id: 'atm', label: 'ATM', title: 'The strike nearest the forward', format: (s) => formatStrike(s?.atmStrike) },
  {
    id: 'dte',
    label: 'DTE',
    title: 'Days to expiry (calendar days to 15:30 IST on expiry day)',
    format: (s) => formatNumber(s?.daysToExpiry, 2),
  },
  { id: 'lot', label: 'Lot', title: 'Lot size of this expiry, from the instrument master', format: (s) => (s ? formatInteger(s.lotSize) : UNKNOWN) },
  { id: 'pcr', label: 'PCR', title: 'Put–call ratio: total put OI / total call OI', format: (s) => formatNumber(s?.pcr, 2) },
  {
    id: 'max-pain',
    label: 'Max pain',
    title: "The strike where option writers' total payout at expiry is smallest",
    format: (s) => formatStrike(s?.maxPain),
  },
  { id: 'atm-iv', label: 'ATM IV', title: 'Implied volatility at the ATM strike, percent', format: (s) => (s?.atmIv == null ? UNKNOWN : `${formatNumber(s.atmIv, 2)}%`) },
  { id: 'straddle', label: 'Straddle', title: 'ATM call + ATM put price', format: (s) => formatPrice(s?.straddle) },
  {
    id: 'market',
    label: 'Market',
    title: 'NSE/BSE market hours as the engine sees them',
    format: (s) => (s === null ? UNKNOWN : s.marketOpen ? 'open' : 'closed'),
    state: (s) => (s === null ? undefined : s.marketOpen ? 'open' : 'closed'),
  },
];

export function SummaryMetrics(): React.JSX.Element {
  useRenderCount('SummaryMetrics');
  const { stream } = useServices();
  return (
    <dl className="metrics" aria-label="Chain summary">
      {METRICS.map((metric) => (
        <div key={metric.id} className={`metric metric--${metric.id}`} title={metric.title}>
          <dt>{metric.label}</dt>
          <dd>
            <LiveText source={stream.summary} format={metric.format} state={metric.state} testId={`metric-${metric.id}`} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
