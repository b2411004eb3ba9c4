/** Chart colours per theme. Calls in red and puts in green, as Indian traders read OI charts. */
import type { Theme } from '../store/slices/ui-slice';

export interface ChartPalette {
  readonly baseTheme: 'ag-default' | 'ag-default-dark';
  readonly background: string;
  readonly text: string;
  readonly subtle: string;
  readonly grid: string;
  readonly ce: string;
  readonly pe: string;
  readonly ours: string;
  readonly broker: string;
  readonly straddle: string;
  readonly marker: string;
}

const DARK: ChartPalette = {
  baseTheme: 'ag-default-dark',
  background: '#10151c',
  text: '#c9d1db',
  subtle: '#7d8a99',
  grid: '#1f2833',
  ce: '#d9574f',
  pe: '#2f9e6b',
  ours: '#5b9bff',
  broker: '#c29a3b',
  straddle: '#9b8cff',
  marker: '#e0b341',
};

const LIGHT: ChartPalette = {
  baseTheme: 'ag-default',
  background: '#ffffff',
  text: '#1c2430',
  subtle: '#5b6778',
  grid: '#e6eaf0',
  ce: '#c8423b',
  pe: '#1f8a57',
  ours: '#1f6feb',
  broker: '#a07a1c',
  straddle: '#6a55e0',
  marker: '#b7861a',
};

export function chartPalette(theme: Theme): ChartPalette {
  return theme === 'dark' ? DARK : LIGHT;
}
