/**
 * Plain-DOM cell renderers (cheaper than React ones for cells that change many times a second).
 * A changed value keeps a ▲ or ▼ mark until its next change, so the direction of the last
 * move reads without colour; the flash itself comes from the grid's enableCellChangeFlash.
 */
import type { ICellRendererComp, ICellRendererParams } from 'ag-grid-community';
import type { BuildUp, ChainRow } from '../../../shared/api/view-types';
import { UNKNOWN } from '../util/format';
import type { ChainGridContext } from './chain-grid-context';

type Params = ICellRendererParams<ChainRow, unknown, ChainGridContext>;

/**
 * A number with the direction of its last change. Its text lives in Text nodes whose data is
 * replaced in place, and nothing is written that did not change: on a busy chain these cells
 * change thousands of times a second, and every new node or attribute write is layout work.
 */
export class TickCellRenderer implements ICellRendererComp<ChainRow> {
  protected gui!: HTMLSpanElement;
  private markText!: Text;
  private valueText!: Text;
  private direction: 'up' | 'down' | null = null;
  private last: number | null = null;

  init(params: Params): void {
    this.gui = document.createElement('span');
    this.gui.className = 'tick-cell';
    const mark = document.createElement('span');
    mark.className = 'tick-mark';
    mark.setAttribute('aria-hidden', 'true');
    this.markText = mark.appendChild(document.createTextNode(''));
    const text = document.createElement('span');
    text.className = 'tick-value';
    this.valueText = text.appendChild(document.createTextNode(''));
    this.decorate(params);
    this.gui.append(mark, text);
    this.show(params, false);
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  refresh(params: Params): boolean {
    this.show(params, true);
    return true;
  }

  /** Hook for subclasses that add elements before the mark. */
  protected decorate(_params: Params): void {}

  protected show(params: Params, compare: boolean): void {
    const value = typeof params.value === 'number' && Number.isFinite(params.value) ? params.value : null;
    if (value === null) {
      this.setDirection(null);
    } else if (compare && this.last !== null && value !== this.last) {
      this.setDirection(value > this.last ? 'up' : 'down');
    }
    this.last = value;
    const text = params.valueFormatted ?? UNKNOWN;
    if (this.valueText.data !== text) this.valueText.data = text;
  }

  private setDirection(direction: 'up' | 'down' | null): void {
    if (direction === this.direction) return;
    this.direction = direction;
    if (direction === null) delete this.gui.dataset.dir;
    else this.gui.dataset.dir = direction;
    this.markText.data = direction === null ? '' : direction === 'up' ? '▲' : '▼';
  }
}

/** Open interest with a bar against the largest OI in view, growing away from the strike. */
export class OiBarCellRenderer extends TickCellRenderer {
  private bar!: HTMLSpanElement;

  protected override decorate(params: Params): void {
    this.bar = document.createElement('span');
    this.bar.className = `oi-bar ${params.colDef?.colId?.startsWith('ce.') ? 'oi-bar--ce' : 'oi-bar--pe'}`;
    this.bar.setAttribute('aria-hidden', 'true');
    this.gui.classList.add('oi-cell');
    this.gui.append(this.bar);
  }

  protected override show(params: Params, compare: boolean): void {
    super.show(params, compare);
    const maxOi = params.context?.markers.maxOi ?? 0;
    const value = typeof params.value === 'number' ? params.value : 0;
    const percent = maxOi > 0 ? Math.max(0, Math.min(100, (value / maxOi) * 100)) : 0;
    const width = `${percent.toFixed(1)}%`;
    if (this.bar.style.width !== width) this.bar.style.width = width;
  }
}

const BUILD_UP_LABELS: Readonly<Record<BuildUp, { short: string; full: string }>> = {
  'long-buildup': { short: 'Long BU', full: 'Long build-up: price up, OI up' },
  'short-buildup': { short: 'Short BU', full: 'Short build-up: price down, OI up' },
  'long-unwinding': { short: 'Long UW', full: 'Long unwinding: price down, OI down' },
  'short-covering': { short: 'Short CV', full: 'Short covering: price up, OI down' },
};

export function buildUpLabel(value: BuildUp | null): { short: string; full: string } | null {
  return value === null ? null : BUILD_UP_LABELS[value];
}

/** The build-up label as a small tag, with the full wording as its title. */
export class BuildUpCellRenderer implements ICellRendererComp<ChainRow> {
  private gui!: HTMLSpanElement;
  /** What the tag shows; undefined before the first show. */
  private shown: BuildUp | null | undefined = undefined;

  init(params: Params): void {
    this.gui = document.createElement('span');
    this.show(params);
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  refresh(params: Params): boolean {
    this.show(params);
    return true;
  }

  private show(params: Params): void {
    const value = isBuildUp(params.value) ? params.value : null;
    if (value === this.shown) return;
    this.shown = value;
    const label = buildUpLabel(value);
    this.gui.className = label ? `build-up build-up--${String(value)}` : 'build-up';
    this.gui.textContent = label ? label.short : UNKNOWN;
    if (label) this.gui.title = label.full;
    else this.gui.removeAttribute('title');
  }
}

function isBuildUp(value: unknown): value is BuildUp {
  return typeof value === 'string' && value in BUILD_UP_LABELS;
}
