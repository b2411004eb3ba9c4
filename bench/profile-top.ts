/**
 * Prints the functions with the most self time in a V8 .cpuprofile (from `--profile DIR`):
 *   npx tsx bench/profile-top.ts DIR/some.cpuprofile [count]
 * Idle time is left out, so percentages are of the time the process was busy.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function main(): void {
  const [file, countText] = process.argv.slice(2);
  if (!file) {
    console.error('usage: npx tsx bench/profile-top.ts FILE.cpuprofile [count]');
    process.exitCode = 2;
    return;
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') return;
    const key = `${frame.functionName || '(anonymous)'}  ${basename(frame.url) || '(native)'}:${frame.lineNumber + 1}`;
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + dt);
    busy += dt;
  });
  console.log(`${basename(file)}: ${(busy / 1e6).toFixed(2)} s busy`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(countText ?? 30))) {
    console.log(`${((us / busy) * 100).toFixed(1).padStart(5)}%  ${key}`);
  }
}

main();
