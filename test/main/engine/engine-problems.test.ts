import { describe, expect, it } from 'vitest';
import { blockingProblem, masterProblem, type EngineFacts } from '../../../src/main/engine/engine-problems';
import { problemOf } from '../../../src/shared/errors/app-error';

const LOADED: EngineFacts['master'] = {
  state: 'loaded',
  source: 'cache',
  date: '2026-11-26',
  url: 'http://127.0.0.1/api-scrip-master-detailed.csv',
  rowsRead: 10,
  rowsKept: 10,
  rowsRejected: 0,
  bytes: 1_000,
  loadedAtMs: 1,
  warning: null,
};

/** A healthy engine whose feed has gone silent and whose credentials were refused. */
const FACTS: EngineFacts = {
  credentialProblems: [problemOf('CRED_INVALID')],
  credentialStatus: 'invalid',
  master: LOADED,
  masterError: null,
  skeleton: { underlyings: 2, expiries: 4, strikes: 40, tokens: 80 },
  feedState: 'silent',
  feedStopCode: null,
  feedStopMessage: null,
  lastDisconnect: null,
  startupDone: true,
  subscriptions: null,
  marketOpen: true,
};

const codeOf = (problem: { code: string } | null): string | null => problem?.code ?? null;

describe('the problem that empties a chain', () => {
  const cases: [string, Partial<EngineFacts>][] = [
    ['a healthy master', {}],
    ['a master that failed', { masterError: problemOf('MASTER_DOWNLOAD_FAILED') }],
    ['a master still loading', { master: { ...LOADED, state: 'loading' } }],
    ['a skeleton without strikes', { skeleton: { underlyings: 2, expiries: 4, strikes: 0, tokens: 0 } }],
  ];

  it('is, for a chain with prices, the master’s problem alone, as blockingProblem names it', () => {
    const named = cases.map(([name, change]) => {
      const facts = { ...FACTS, ...change };
      return [name, codeOf(masterProblem(facts)), codeOf(blockingProblem(facts, true))];
    });
    expect(named).toEqual([
      ['a healthy master', null, null],
      ['a master that failed', 'MASTER_DOWNLOAD_FAILED', 'MASTER_DOWNLOAD_FAILED'],
      ['a master still loading', 'MASTER_NOT_LOADED', 'MASTER_NOT_LOADED'],
      ['a skeleton without strikes', 'SKELETON_NO_STRIKES', 'SKELETON_NO_STRIKES'],
    ]);
  });

  it('is, for a chain without prices, the credentials first, then the master, then the feed', () => {
    expect([
      codeOf(blockingProblem(FACTS, false)),
      codeOf(blockingProblem({ ...FACTS, credentialProblems: [] }, false)),
      codeOf(
        blockingProblem(
          { ...FACTS, credentialProblems: [], masterError: problemOf('MASTER_DOWNLOAD_FAILED') },
          false,
        ),
      ),
      codeOf(blockingProblem({ ...FACTS, credentialProblems: [], feedState: 'live' }, false)),
    ]).toEqual(['CRED_INVALID', 'FEED_SILENT', 'MASTER_DOWNLOAD_FAILED', 'CACHE_EMPTY']);
  });
});
