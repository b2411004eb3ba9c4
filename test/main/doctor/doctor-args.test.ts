import { describe, expect, it } from 'vitest';
import { parseDoctorArgs } from '../../../src/main/doctor/doctor-args';

describe('parseDoctorArgs', () => {
  it('defaults to a 5 s text check of NIFTY on DhanHQ', () => {
    expect(parseDoctorArgs([])).toEqual({
      kind: 'run',
      options: { json: false, watchSeconds: 5, underlying: 'NIFTY', expiry: null, demo: false, verbose: false },
    });
  });

  it('reads every option, upper-casing the symbol', () => {
    expect(parseDoctorArgs(['--json', '--watch', '1.5', '--underlying', 'banknifty', '--expiry', '2026-12-30', '--demo', '--verbose'])).toEqual({
      kind: 'run',
      options: { json: true, watchSeconds: 1.5, underlying: 'BANKNIFTY', expiry: '2026-12-30', demo: true, verbose: true },
    });
    expect(parseDoctorArgs(['--watch=0'])).toMatchObject({ kind: 'run', options: { watchSeconds: 0 } });
  });

  it('answers --help and -h with help', () => {
    expect(parseDoctorArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseDoctorArgs(['--json', '-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--watch=-1'], '--watch needs a number of seconds from 0 to 3600, not "-1".'],
    [['--watch', '3601'], '--watch needs a number of seconds from 0 to 3600, not "3601".'],
    [['--watch', ''], '--watch needs a number of seconds from 0 to 3600, not "".'],
    [['--watch', 'Infinity'], '--watch needs a number of seconds from 0 to 3600, not "Infinity".'],
    [['--expiry', '2026-02-30'], '--expiry needs a date as YYYY-MM-DD, not "2026-02-30".'],
    [['--expiry', '30-12-2026'], '--expiry needs a date as YYYY-MM-DD, not "30-12-2026".'],
    [['--underlying', 'NIFTY 50'], '--underlying needs a symbol such as NIFTY or BANKNIFTY, not "NIFTY 50".'],
  ])('refuses %j', (argv, message) => {
    expect(parseDoctorArgs(argv)).toEqual({ kind: 'error', message });
  });

  it('refuses unknown options and stray words with parseArgs own wording', () => {
    const unknown = parseDoctorArgs(['--fix']);
    expect(unknown.kind).toBe('error');
    expect(unknown.kind === 'error' && unknown.message).toMatch(/^Unknown option '--fix'/);
    const stray = parseDoctorArgs(['NIFTY']);
    expect(stray.kind === 'error' && stray.message).toMatch(/^Unexpected argument 'NIFTY'/);
  });
});
