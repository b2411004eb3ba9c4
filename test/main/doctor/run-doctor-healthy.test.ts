import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorSide } from '../../../src/main/doctor/doctor-report';
import type { SimQuote } from '../../../src/sim';
import { round2, startDoctorSim, type DoctorSim } from './doctor-sim';

function expectedSide(securityId: number, quote: SimQuote | null): Omit<DoctorSide, 'iv' | 'source'> {
  if (quote === null) throw new Error(`the simulator does not list ${securityId}`);
  return {
    securityId,
    ltp: round2(quote.ltp),
    prevClose: round2(quote.prevClose),
    oi: quote.oi,
    volume: quote.volume,
    bidPrice: round2(quote.bid),
    bidQty: quote.bidQty,
    askPrice: round2(quote.ask),
    askQty: quote.askQty,
  };
}

function withoutDerived(side: DoctorSide | null): Omit<DoctorSide, 'iv' | 'source'> | null {
  if (side === null) return null;
  const { iv: _iv, source: _source, ...prices } = side;
  return prices;
}

describe('runDoctor against a healthy simulated DhanHQ', () => {
  let doctor: DoctorSim;
  let run: Awaited<ReturnType<DoctorSim['run']>>;

  beforeAll(async () => {
    doctor = await startDoctorSim();
    run = await doctor.run({ doctor: { watchSeconds: 2 } });
  });
  afterAll(() => doctor.close());

  it('is healthy with exit code 0 and no errors', () => {
    expect(run.report.verdict).toBe('healthy');
    expect(run.report.exitCode).toBe(0);
    expect(run.report.errors).toEqual([]);
    expect(run.report.credentials).toMatchObject({ source: 'env', status: 'ok', dataPlan: 'Active', clientIdMasked: '11••••••01' });
  });

  it('counts exactly the underlyings, expiries, strikes and option contracts the simulator lists', () => {
    const counts = doctor.sim.market.skeleton().counts;
    expect(run.report.skeleton).toEqual({ underlyings: counts.underlyings, expiries: counts.expiries, strikes: counts.strikes, tokens: counts.options });
  });

  it("reports NIFTY's nearest expiry with every strike, each contract's prices exactly as the simulator sent them", () => {
    const nifty = doctor.sim.market.skeleton().underlyings.find((u) => u.symbol === 'NIFTY');
    const nearest = nifty?.expiries[0];
    if (!nifty || !nearest) throw new Error('the simulator lists no NIFTY expiry');
    expect(run.report.chain.underlying).toBe('NIFTY');
    expect(run.report.chain.expiry).toBe(nearest.expiry);
    expect(run.report.chain.rows.map((r) => r.strike)).toEqual(nearest.strikes.map((s) => s.strike));
    nearest.strikes.forEach((strike, i) => {
      const row = run.report.chain.rows[i];
      expect(withoutDerived(row?.ce ?? null)).toEqual(expectedSide(strike.ceSecurityId, doctor.sim.market.quote(nifty.derivativeSegment, strike.ceSecurityId)));
      expect(withoutDerived(row?.pe ?? null)).toEqual(expectedSide(strike.peSecurityId, doctor.sim.market.quote(nifty.derivativeSegment, strike.peSecurityId)));
    });
  });

  it('reports the feed as live, every listed instrument subscribed, with the packets the simulator sent', () => {
    const connections = doctor.sim.market.stats().feed.connections;
    const counts = doctor.sim.market.skeleton().counts;
    expect(run.report.feed).toMatchObject({
      state: 'live',
      connections: connections.length,
      subscribed: counts.underlyings + counts.futures + counts.options,
      packets: connections.reduce((sum, c) => sum + c.packetsSent, 0),
      decodeErrors: 0,
      lastDisconnectCode: null,
      watchSeconds: 2,
    });
  });

  it('prints one ✓ line per check and the verdict', () => {
    const marks = run.text.split('\n').filter((line) => /^[✓!✗] /.test(line)).map((line) => line.slice(0, 20).trimEnd());
    expect(marks).toEqual(['✓ Credentials', '✓ Instrument master', '✓ Skeleton', '✓ Live feed', '✓ Option chain']);
    expect(run.text.trimEnd().split('\n').at(-1)).toBe('Verdict: HEALTHY (exit code 0)');
  });

  it('never prints or logs the access token', () => {
    const token = doctor.sim.accessToken;
    expect(run.text).not.toContain(token);
    expect(JSON.stringify(run.report)).not.toContain(token);
    expect(run.logLines.length).toBeGreaterThan(0);
    expect(run.logLines.filter((line) => line.includes(token))).toEqual([]);
  });
});
