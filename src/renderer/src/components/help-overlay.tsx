/**
 * Help: the keyboard shortcuts and the analytics conventions behind every number, so a trader
 * comparing with Sensibull, Kite, NSE or Dhan knows why values can differ.
 */
import { SHORTCUTS } from '../keyboard/shortcuts';
import { Modal } from './modal';

const CONVENTIONS: readonly (readonly [string, string])[] = [
  ['Model', 'Black-76 on a forward F, for calls and puts alike, so both legs at a strike get one IV.'],
  [
    'Forward',
    "The same-expiry future's LTP when one exists; otherwise the put–call-parity forward from the strike where |C − P| is smallest: F = K + (C − P)·e^{rT}. The header says which.",
  ],
  ['Rate r', 'Configurable, default 0; used only for discounting.'],
  ['Time to expiry', 'Calendar time to 15:30 IST on expiry day, in years of 365 days, continuous through the day.'],
  ['IV', "Percent, solved from the mid when bid and ask are live and the spread is sane, else from LTP. Unsolvable (below intrinsic, zero price, expired) shows “—”, never 0."],
  ['Delta, gamma', 'Per unit of the forward.'],
  ['Theta', 'Rupees per calendar day.'],
  ['Vega', 'Rupees per volatility point.'],
  ['Dhan values', "DhanHQ's own IV and greeks (Black–Scholes on spot) are optional columns labelled “Dhan”, never mixed with ours."],
  ['PCR', 'Total put OI ÷ total call OI over the chain.'],
  ['Max pain', "The strike where option writers' total payout at expiry is smallest (not the strike with the largest OI)."],
  ['OI change', 'OI minus the previous day’s OI.'],
  ['Build-up', 'Price ↑ OI ↑ long build-up (Long BU); price ↓ OI ↑ short build-up (Short BU); price ↓ OI ↓ long unwinding (Long UW); price ↑ OI ↓ short covering (Short CV). Price change is against the previous close.'],
  ['ATM', 'The strike nearest the forward (ties go to the lower strike). Calls below the forward and puts above it are in the money (shaded).'],
  ['Units', 'OI and volume as the exchange reports them (quantity), or in lots of this expiry’s lot size from the instrument master.'],
  ['Prices', 'Every price is the contract’s own, from the feed or the DhanHQ option-chain snapshot. Nothing is estimated. ▲/▼ beside a value shows the direction of its last change.'],
];

export function HelpOverlay({ onClose }: { readonly onClose: () => void }): React.JSX.Element {
  return (
    <Modal title="Help" onClose={onClose} testId="help-overlay">
      <div className="help">
        <section aria-label="Keyboard shortcuts">
          <h3>Keyboard shortcuts</h3>
          <table className="table table--compact" data-testid="help-shortcuts">
            <tbody>
              {SHORTCUTS.map((s) => (
                <tr key={s.label}>
                  <td>
                    <kbd>{s.label}</kbd>
                  </td>
                  <td>{s.description}</td>
                </tr>
              ))}
              <tr>
                <td>
                  <kbd>Esc</kbd>
                </td>
                <td>Close a dialog</td>
              </tr>
              <tr>
                <td>
                  <kbd>↑ ↓ ← →</kbd>
                </td>
                <td>Move between cells of the chain</td>
              </tr>
            </tbody>
          </table>
        </section>
        <section aria-label="How the numbers are computed">
          <h3>How the numbers are computed</h3>
          <dl className="conventions" data-testid="help-conventions">
            {CONVENTIONS.map(([term, text]) => (
              <div key={term}>
                <dt>{term}</dt>
                <dd>{text}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </Modal>
  );
}
