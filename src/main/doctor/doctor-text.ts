/**
 * The doctor's plain-language report: one line per startup check (✓ fine, ! warning, ✗ failed),
 * and under a check every problem that belongs to it with its cause and its remedy, so support
 * staff can read the answer to a trader without knowing the codes. Built from the report only.
 */
import type { ErrorCode } from '../../shared/errors/error-catalog';
import type { DoctorError, DoctorReport } from './doctor-report';

type Check = 'credentials' | 'master' | 'skeleton' | 'feed' | 'chain' | 'other';
type Mark = '✓' | '!' | '✗';

const LABEL_WIDTH = 19;
const SEVERITY_MARK: Readonly<Record<DoctorError['severity'], string>> = { error: '✗', warning: '!', info: 'i' };

/** Renders the report as lines of text, ending with the verdict and the exit code. */
export function renderDoctorText(report: DoctorReport): string {
  const lines = [
    report.mode === 'demo' ? 'ChainLens doctor — SIMULATED market (demo)' : 'ChainLens doctor — DhanHQ',
    '',
    ...check(report, 'credentials', 'Credentials', credentialsDetail(report), report.credentials.status === 'ok'),
    ...check(report, 'master', 'Instrument master', masterDetail(report), report.instrumentMaster.state === 'loaded'),
    ...check(report, 'skeleton', 'Skeleton', skeletonDetail(report), report.skeleton.tokens > 0),
    ...check(report, 'feed', 'Live feed', feedDetail(report), report.feed.connections > 0),
    ...check(report, 'chain', 'Option chain', chainDetail(report), hasPrices(report)),
    ...otherProblems(report),
    '',
    `Verdict: ${report.verdict.toUpperCase()} (exit code ${report.exitCode})`,
  ];
  return `${lines.join('\n')}\n`;
}

function check(report: DoctorReport, area: Check, label: string, detail: string, reached: boolean): string[] {
  const problems = report.errors.filter((e) => checkOf(e.code) === area);
  return [`${markOf(problems, reached)} ${label.padEnd(LABEL_WIDTH)}${detail}`, ...problems.flatMap(problemLines)];
}

function otherProblems(report: DoctorReport): string[] {
  const problems = report.errors.filter((e) => checkOf(e.code) === 'other');
  if (problems.length === 0) return [];
  return [`${markOf(problems, true)} ${'Other'.padEnd(LABEL_WIDTH)}${counted(problems.length, 'more problem')}`, ...problems.flatMap(problemLines)];
}

function markOf(problems: readonly DoctorError[], reached: boolean): Mark {
  if (!reached || problems.some((p) => p.severity === 'error')) return '✗';
  return problems.some((p) => p.severity === 'warning') ? '!' : '✓';
}

function problemLines(problem: DoctorError): string[] {
  return [`    ${SEVERITY_MARK[problem.severity]} ${problem.code}: ${problem.message}`, `      What to do: ${problem.remedy}`];
}

/** Which line of the report a problem is shown under. */
function checkOf(code: ErrorCode): Check {
  if (code.startsWith('CRED_') || code === 'KEYCHAIN_UNAVAILABLE') return 'credentials';
  if (code.startsWith('MASTER_')) return 'master';
  if (code.startsWith('SKELETON_')) return 'skeleton';
  if (code.startsWith('FEED_') || code.startsWith('CODEC_') || code === 'MARKET_CLOSED') return 'feed';
  if (code.startsWith('CHAIN_') || code.startsWith('REST_') || code === 'CACHE_EMPTY') return 'chain';
  return 'other';
}

function credentialsDetail(report: DoctorReport): string {
  const c = report.credentials;
  const client = c.clientIdMasked ? ` · client ${c.clientIdMasked}` : '';
  const plan = c.dataPlan ? ` · Data API plan ${c.dataPlan}` : '';
  return `${c.status} (from ${c.source})${client}${plan} — ${c.message}`;
}

function masterDetail(report: DoctorReport): string {
  const m = report.instrumentMaster;
  if (m.state !== 'loaded') return `${m.state} · ${m.url}`;
  return `${m.source ?? 'loaded'} · ${m.date ?? 'undated'} · ${count(m.rowsKept)} of ${count(m.rowsRead)} rows kept · ${count(m.rowsRejected)} rejected`;
}

function skeletonDetail(report: DoctorReport): string {
  const s = report.skeleton;
  return `${counted(s.underlyings, 'underlying')} · ${counted(s.expiries, 'expiry', 'expiries')} · ${counted(s.strikes, 'strike')} · ${counted(s.tokens, 'token')}`;
}

function feedDetail(report: DoctorReport): string {
  const f = report.feed;
  const disconnect = f.lastDisconnectCode === null ? '' : ` · last disconnect code ${f.lastDisconnectCode}`;
  if (f.connections === 0) return `${f.state} · no connection opened${disconnect}`;
  return (
    `${f.state}${f.marketOpen ? '' : ' (market closed)'} · ${counted(f.connections, 'connection')} · ${count(f.subscribed)} subscribed · ` +
    `${counted(f.packets, 'packet')} (${count(f.packetsDuringWatch)} during the ${f.watchSeconds} s watch) · ${counted(f.decodeErrors, 'decode error')}${disconnect}`
  );
}

function chainDetail(report: DoctorReport): string {
  const c = report.chain;
  const name = `${c.underlying} ${c.expiry ?? '(no expiry)'}`;
  if (c.rows.length === 0) return `${name} · not opened`;
  const sides = c.rows.flatMap((r) => [r.ce, r.pe]).filter((s) => s !== null);
  const priced = sides.filter((s) => s.ltp !== null).length;
  const spot = c.spot === null ? 'spot unknown' : `spot ${c.spot.toFixed(2)}`;
  return `${name} · ${spot} · ${counted(c.rows.length, 'strike')} · ${count(priced)} of ${counted(sides.length, 'contract')} priced`;
}

/** A chain with rows but not one price is as empty as no chain for the trader looking at it. */
function hasPrices(report: DoctorReport): boolean {
  return report.chain.rows.some((r) => (r.ce?.ltp ?? null) !== null || (r.pe?.ltp ?? null) !== null);
}

function count(n: number): string {
  return n.toLocaleString('en-IN');
}

function counted(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}
