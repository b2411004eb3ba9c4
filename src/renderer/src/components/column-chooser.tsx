/**
 * Which fields the chain shows; each applies to calls and puts alike. Remembered across
 * restarts with the other screen preferences.
 */
import { SIDE_FIELDS, type SideField } from '../chain/side-fields';
import { useAppStore } from '../store/store-context';
import { Modal } from './modal';

const GROUP_TITLES: Readonly<Record<SideField['group'], string>> = {
  price: 'Price',
  book: 'Order book',
  activity: 'Open interest and volume',
  greeks: 'IV and greeks (ours)',
  broker: "DhanHQ's IV and greeks",
  signal: 'Signals',
};

export function ColumnChooser({ onClose }: { readonly onClose: () => void }): React.JSX.Element {
  const visible = useAppStore((s) => s.visibleFields);
  const setFieldVisible = useAppStore((s) => s.setFieldVisible);
  const resetColumns = useAppStore((s) => s.resetColumns);
  const groups = Object.keys(GROUP_TITLES) as SideField['group'][];
  return (
    <Modal title="Columns" onClose={onClose} testId="column-chooser">
      <div className="column-chooser">
        {groups.map((group) => (
          <fieldset key={group}>
            <legend>{GROUP_TITLES[group]}</legend>
            {SIDE_FIELDS.filter((f) => f.group === group).map((f) => (
              <label key={f.id} className="check">
                <input
                  type="checkbox"
                  checked={visible.includes(f.id)}
                  onChange={(e) => setFieldVisible(f.id, e.target.checked)}
                  data-testid={`column-${f.id}`}
                />
                <span className="check__label">{f.label}</span>
                <span className="check__hint">{f.description}</span>
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      <div className="form__actions">
        <button type="button" className="btn" onClick={resetColumns} data-testid="columns-reset">
          Reset to default
        </button>
        <button type="button" className="btn btn--primary" onClick={onClose}>
          Done
        </button>
      </div>
    </Modal>
  );
}
