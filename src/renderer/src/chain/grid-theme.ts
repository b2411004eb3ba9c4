/**
 * AG Grid themes matching the app's dark and light palettes (see styles/app.css): dense rows,
 * tabular figures, a calm flash colour. Immutable values, built once.
 */
import { colorSchemeDark, colorSchemeLight, themeQuartz, type Theme as GridTheme } from 'ag-grid-community';
import type { Theme } from '../store/slices/ui-slice';

const shared = {
  fontFamily: 'var(--font-ui)',
  fontSize: 12,
  headerFontSize: 11,
  rowHeight: 24,
  headerHeight: 26,
  spacing: 4,
  cellHorizontalPadding: 5,
  wrapperBorderRadius: 0,
  borderRadius: 2,
  headerFontWeight: 600,
  columnBorder: true,
  rowBorder: true,
} as const;

const dark = themeQuartz.withPart(colorSchemeDark).withParams({
  ...shared,
  backgroundColor: '#10151c',
  foregroundColor: '#d4dae2',
  headerBackgroundColor: '#151c25',
  headerTextColor: '#9aa7b5',
  borderColor: '#222c38',
  oddRowBackgroundColor: '#10151c',
  rowHoverColor: 'rgba(120, 160, 210, 0.08)',
  accentColor: '#4c8dff',
  valueChangeValueHighlightBackgroundColor: 'rgba(76, 141, 255, 0.2)',
  chromeBackgroundColor: '#151c25',
});

const light = themeQuartz.withPart(colorSchemeLight).withParams({
  ...shared,
  backgroundColor: '#ffffff',
  foregroundColor: '#1c2430',
  headerBackgroundColor: '#f1f4f8',
  headerTextColor: '#4a5668',
  borderColor: '#dde3ea',
  oddRowBackgroundColor: '#ffffff',
  rowHoverColor: 'rgba(40, 90, 160, 0.06)',
  accentColor: '#1f6feb',
  valueChangeValueHighlightBackgroundColor: 'rgba(31, 111, 235, 0.16)',
  chromeBackgroundColor: '#f1f4f8',
});

export function gridTheme(theme: Theme): GridTheme {
  return theme === 'dark' ? dark : light;
}
