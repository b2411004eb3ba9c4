/**
 * Lints .github/workflows/release.yml, which cannot run here: it must parse, pin every action to
 * an immutable commit, build on Windows and macOS, upload what it builds, use only npm scripts
 * that exist, and keep write access and untrusted input away from the build steps.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(__dirname, '../..');
const TEXT = readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8');

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}
interface Job {
  readonly 'runs-on': string;
  readonly needs?: string | string[];
  readonly if?: string;
  readonly permissions?: Record<string, string>;
  readonly strategy?: { matrix: { include?: Record<string, string>[]; os?: string[] } };
  readonly steps: Step[];
}
interface Workflow {
  readonly on: { push?: { tags?: string[] }; workflow_dispatch?: unknown };
  readonly permissions: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

const workflow = parse(TEXT) as Workflow;
const jobs = Object.entries(workflow.jobs);
const steps = jobs.flatMap(([, job]) => job.steps);
const packageScripts = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

describe('release workflow', () => {
  it('parses as YAML with jobs that all have steps', () => {
    expect(Object.keys(workflow.jobs)).toEqual(['installers', 'draft-release']);
    expect(jobs.every(([, job]) => job.steps.length > 0)).toBe(true);
  });

  it('pins every action to a full commit SHA with its full version in a comment', () => {
    const usesLines = TEXT.split('\n').filter((line) => /^\s*(-\s+)?uses:/.test(line));
    expect(usesLines.length).toBe(steps.filter((step) => step.uses !== undefined).length);
    const unpinned = usesLines.filter(
      (line) => !/uses:\s+[\w.-]+\/[\w.-]+@[0-9a-f]{40}\s+#\s+v\d+\.\d+\.\d+\s*$/.test(line),
    );
    expect(unpinned).toEqual([]);
  });

  it('builds on both windows-latest and macos-latest, each with its own dist script', () => {
    const include = workflow.jobs['installers']?.strategy?.matrix.include ?? [];
    expect(include.map((entry) => [entry['os'], entry['dist']])).toEqual([
      ['windows-latest', 'dist:win'],
      ['macos-latest', 'dist:mac'],
    ]);
    expect(workflow.jobs['installers']?.['runs-on']).toBe('${{ matrix.os }}');
  });

  it('runs lint, typecheck and the Vitest suite before building', () => {
    const runs = (workflow.jobs['installers']?.steps ?? []).map((step) => step.run ?? step.uses ?? '');
    const at = (fragment: string) => runs.findIndex((run) => run.includes(fragment));
    expect(
      [
        at('npm ci'),
        at('run --silent lint'),
        at('run --silent typecheck'),
        at('vitest run'),
        at('npm run "$DIST_SCRIPT"'),
      ].every((i) => i >= 0),
    ).toBe(true);
    expect(
      at('npm ci') < at('lint') &&
        at('lint') < at('typecheck') &&
        at('typecheck') < at('vitest run') &&
        at('vitest run') < at('DIST_SCRIPT'),
    ).toBe(true);
  });

  it('uses only npm scripts that exist in package.json', () => {
    const named = [...TEXT.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1] ?? '');
    const fromMatrix = (workflow.jobs['installers']?.strategy?.matrix.include ?? []).map(
      (entry) => entry['dist'] ?? '',
    );
    expect([...named, ...fromMatrix].filter((script) => packageScripts[script] === undefined)).toEqual([]);
  });

  it('uploads the installers and update manifests of every build as artifacts', () => {
    const upload = workflow.jobs['installers']?.steps.find((step) =>
      step.uses?.startsWith('actions/upload-artifact@'),
    );
    expect(upload?.with?.['if-no-files-found']).toBe('error');
    expect(String(upload?.with?.['path']).trim().split('\n')).toEqual([
      'release/*.exe',
      'release/*.dmg',
      'release/*.zip',
      'release/*.blockmap',
      'release/latest*.yml',
    ]);
  });

  it('attaches the installers to a draft release only for version tags', () => {
    const release = workflow.jobs['draft-release'];
    expect(workflow.on.push?.tags).toEqual(['v*.*.*']);
    expect(release?.needs).toBe('installers');
    expect(release?.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(release?.steps.some((step) => step.uses?.startsWith('actions/download-artifact@'))).toBe(true);
    expect(release?.steps.some((step) => step.run?.includes('--draft'))).toBe(true);
  });

  it('grants write access only to the release job', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs['installers']?.permissions).toBeUndefined();
    expect(workflow.jobs['draft-release']?.permissions).toEqual({ contents: 'write' });
  });

  it('never expands expressions inside shell scripts (values go through env)', () => {
    expect(steps.filter((step) => step.run?.includes('${{')).map((step) => step.name)).toEqual([]);
  });

  it('never persists the checkout token and never publishes from the build job', () => {
    const checkout = steps.find((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['persist-credentials']).toBe(false);
    expect(workflow.jobs['installers']?.steps.find((step) => step.run?.includes('DIST_SCRIPT'))?.run).toBe(
      'npm run "$DIST_SCRIPT" -- --publish never',
    );
  });
});
