import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints small snippets as if they lived at a given path, so the per-folder rules of
// eslint.config.mjs are proven to refuse an import or global that breaks the layering.
const eslint = new ESLint({ cwd: process.cwd() });

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('folder layering enforced by lint', () => {
  it('refuses electron in a renderer file', async () => {
    expect(await violations('src/renderer/src/bad.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toEqual([
      'no-restricted-imports',
    ]);
  });

  it('refuses node:fs in a renderer file', async () => {
    expect(await violations('src/renderer/src/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toEqual([
      'no-restricted-imports',
    ]);
  });

  it('refuses a renderer import of main-process code', async () => {
    expect(
      await violations('src/renderer/src/bad.ts', "import { x } from '../../main/engine/engine';\nexport const y = x;\n"),
    ).toEqual(['no-restricted-imports']);
  });

  it('refuses window in src/shared', async () => {
    expect(await violations('src/shared/bad.ts', 'export const width = window.innerWidth;\n')).toEqual([
      'no-restricted-globals',
    ]);
  });

  it('refuses process in src/shared', async () => {
    expect(await violations('src/shared/bad.ts', 'export const env = process.env.HOME;\n')).toEqual([
      'no-restricted-globals',
    ]);
  });

  it('refuses node builtins in src/shared', async () => {
    expect(await violations('src/shared/bad.ts', "import { join } from 'path';\nexport const j = join;\n")).toEqual([
      'no-restricted-imports',
    ]);
  });

  it('refuses electron in engine code outside the Electron adapters', async () => {
    expect(await violations('src/main/engine/bad.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([
      'no-restricted-imports',
    ]);
  });

  it('refuses simulator imports of client code', async () => {
    expect(await violations('src/sim/bad.ts', "import { x } from '../main/dhan/rest-client';\nexport const y = x;\n")).toEqual([
      'no-restricted-imports',
    ]);
  });

  it('accepts electron in an Electron adapter and pure imports in shared code', async () => {
    expect(await violations('src/main/electron/ok.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
    expect(
      await violations('src/shared/ok.ts', "import { roundPrice } from './format/price';\nexport const r = roundPrice(1);\n"),
    ).toEqual([]);
  });
});
