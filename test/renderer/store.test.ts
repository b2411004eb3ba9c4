import { describe, expect, it } from 'vitest';
import { createAppStore, UI_PREFERENCES_KEY } from '../../src/renderer/src/store/app-store';
import { DEFAULT_VISIBLE_FIELDS } from '../../src/renderer/src/chain/side-fields';
import { problemOf } from '../../src/shared/errors/app-error';
import { FAKE_NOW_MS, fakeAppState } from './fake-api';
import { memoryStorage } from './helpers';

function storeWithSkeleton(storage = memoryStorage()) {
  const store = createAppStore({ storage });
  store.getState().setAppState(fakeAppState('live', FAKE_NOW_MS, 15, 81), FAKE_NOW_MS);
  store.getState().select({ underlying: 'NIFTY', expiry: '2026-01-20', strikeWindow: 15 });
  return store;
}

describe('chain slice', () => {
  it('switches underlying to its nearest expiry with the remembered strike window', () => {
    const store = storeWithSkeleton();
    store.getState().chooseUnderlying('SENSEX');
    expect(store.getState().selection).toEqual({ underlying: 'SENSEX', expiry: '2026-01-15', strikeWindow: 15 });
  });

  it('ignores an underlying the skeleton does not list', () => {
    const store = storeWithSkeleton();
    const before = store.getState().selection;
    store.getState().chooseUnderlying('RELIANCE');
    expect(store.getState().selection).toBe(before);
  });

  it('steps through underlyings and expiries, wrapping around', () => {
    const store = storeWithSkeleton();
    store.getState().stepUnderlying(-1);
    expect(store.getState().selection?.underlying).toBe('BANKEX');
    store.getState().stepUnderlying(1);
    expect(store.getState().selection?.underlying).toBe('NIFTY');
    store.getState().stepExpiry(1);
    expect(store.getState().selection?.expiry).toBe('2026-01-27');
    store.getState().stepExpiry(-1);
    store.getState().stepExpiry(-1);
    expect(store.getState().selection?.expiry).toBe('2026-03-31');
  });

  it('applies a new strike window to the selection and remembers it', () => {
    const store = storeWithSkeleton();
    store.getState().setStrikeWindow(25);
    expect(store.getState().strikeWindow).toBe(25);
    expect(store.getState().selection).toEqual({ underlying: 'NIFTY', expiry: '2026-01-20', strikeWindow: 25 });
  });

  it('keeps the same selection object when asked for the chain already chosen', () => {
    const store = storeWithSkeleton();
    const before = store.getState().selection;
    store.getState().select({ underlying: 'NIFTY', expiry: '2026-01-20', strikeWindow: 15 });
    expect(store.getState().selection).toBe(before);
  });

  it('notifies subscribers only when the chain problem really changes', () => {
    const store = storeWithSkeleton();
    let notifications = 0;
    const unsubscribe = store.subscribe(() => (notifications += 1));
    store.getState().chainProblem(problemOf('MARKET_CLOSED', 'closed at 15:30'));
    store.getState().chainProblem(problemOf('MARKET_CLOSED', 'closed at 15:30'));
    store.getState().chainProblem(null);
    store.getState().chainProblem(null);
    unsubscribe();
    expect(notifications).toBe(2);
  });

  it('records loaded, loading and failed chains', () => {
    const store = storeWithSkeleton();
    store.getState().chainLoading();
    expect(store.getState().chain.status).toBe('loading');
    store.getState().chainLoaded({ rowCount: 31, totalStrikes: 81, lotSize: 75 });
    expect(store.getState().chain).toEqual({ status: 'ready', error: null, problem: null, rowCount: 31, totalStrikes: 81, lotSize: 75 });
    store.getState().chainFailed({ code: 'CHAIN_UNKNOWN_EXPIRY', message: 'gone', remedy: 'pick another' });
    expect(store.getState().chain).toEqual({
      status: 'failed',
      error: { code: 'CHAIN_UNKNOWN_EXPIRY', message: 'gone', remedy: 'pick another' },
      problem: null,
      rowCount: 0,
      totalStrikes: 0,
      lotSize: null,
    });
  });
});

describe('ui slice and remembered preferences', () => {
  it('starts dark, in quantities, with the default columns and charts shown', () => {
    const state = createAppStore({ storage: memoryStorage() }).getState();
    expect([state.theme, state.units, state.visibleFields, state.chartsOpen, state.strikeWindow, state.openPanel]).toEqual([
      'dark',
      'qty',
      DEFAULT_VISIBLE_FIELDS,
      true,
      15,
      null,
    ]);
  });

  it('keeps the visible columns in catalogue order', () => {
    const store = createAppStore({ storage: memoryStorage() });
    store.getState().setFieldVisible('delta', true);
    store.getState().setFieldVisible('brokerIv', true);
    store.getState().setFieldVisible('oi', false);
    expect(store.getState().visibleFields).toEqual(['ltp', 'changePct', 'volume', 'oiChange', 'iv', 'delta', 'brokerIv', 'buildUp']);
    store.getState().resetColumns();
    expect(store.getState().visibleFields).toEqual(DEFAULT_VISIBLE_FIELDS);
  });

  it('saves theme, units, columns, charts and strike window, and a new window restores them', () => {
    const storage = memoryStorage();
    const first = createAppStore({ storage });
    first.getState().toggleTheme();
    first.getState().toggleUnits();
    first.getState().setFieldVisible('gamma', true);
    first.getState().toggleCharts();
    first.getState().setStrikeWindow(30);
    first.getState().showPanel('help');
    expect(JSON.parse(storage.data.get(UI_PREFERENCES_KEY) ?? 'null')).toEqual({
      state: {
        theme: 'light',
        units: 'lots',
        visibleFields: ['ltp', 'changePct', 'volume', 'oi', 'oiChange', 'iv', 'gamma', 'buildUp'],
        chartsOpen: false,
        strikeWindow: 30,
      },
      version: 1,
    });
    const second = createAppStore({ storage }).getState();
    expect([second.theme, second.units, second.visibleFields.includes('gamma'), second.chartsOpen, second.strikeWindow, second.openPanel]).toEqual([
      'light',
      'lots',
      true,
      false,
      30,
      null,
    ]);
  });

  it('ignores malformed saved preferences value by value', () => {
    const storage = memoryStorage({
      [UI_PREFERENCES_KEY]: JSON.stringify({
        state: { theme: 'purple', units: 'lots', visibleFields: ['oi', 'nonsense', 7], chartsOpen: 'yes', strikeWindow: 13 },
        version: 1,
      }),
    });
    const state = createAppStore({ storage }).getState();
    expect([state.theme, state.units, state.visibleFields, state.chartsOpen, state.strikeWindow]).toEqual(['dark', 'lots', ['oi'], true, 15]);
  });
});
