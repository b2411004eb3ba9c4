/**
 * The installer configuration, checked with electron-builder's own code: its configuration
 * loader (which compiles the .ts file with jiti), its JSON-schema validation, and its file
 * matchers for `files` and `asarUnpack`. Packaging itself cannot run here (no Electron binary,
 * no cross-compiling keytar), so this is as close to `npm run dist:*` as the machine allows.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import * as fileMatcher from 'app-builder-lib/out/fileMatcher';
import { FileMatcher, getFileMatchers } from 'app-builder-lib/out/fileMatcher';
import {
  APP_ID,
  createBuilderConfig,
  describeSigning,
  publishRepository,
  signingPlan,
} from '../../electron-builder.config';
import { ensureBuilt } from './ensure-build';

const PROJECT = resolve(__dirname, '../..');
const DEST = resolve('/packaged/resources/app');
const identity = (pattern: string): string => pattern;
const noDebug = { isEnabled: false, add: () => undefined } as unknown as Parameters<
  typeof validateConfiguration
>[1];

/** Two functions electron-builder marks @internal (so its .d.ts omits them); the packager calls them exactly like this. */
const { getMainFileMatchers, getNodeModuleFileMatcher } = fileMatcher as unknown as {
  getMainFileMatchers(
    appDir: string,
    destination: string,
    macroExpander: (pattern: string) => string,
    platformSpecificBuildOptions: object,
    platformPackager: unknown,
    outDir: string,
    isElectronCompile: boolean,
  ): FileMatcher[];
  getNodeModuleFileMatcher(
    appDir: string,
    destination: string,
    macroExpander: (pattern: string) => string,
    platformSpecificBuildOptions: object,
    packager: unknown,
  ): FileMatcher;
};

type Filter = (file: string, stat: { isDirectory(): boolean; moduleFullFilePath?: string }) => boolean;
const fileStat = { isDirectory: () => false };
const dirStat = { isDirectory: () => true };

function fakePackager(config: Configuration) {
  return {
    info: {
      projectDir: PROJECT,
      buildResourcesDir: 'build',
      isPrepackedAppAsar: false,
      config,
      debugLogger: { isEnabled: false },
    },
  };
}

/** The app-file filter exactly as electron-builder builds it for a Windows package. */
function appFileFilter(config: Configuration): Filter {
  const matchers = getMainFileMatchers(
    PROJECT,
    DEST,
    identity,
    config.win ?? {},
    fakePackager(config),
    join(PROJECT, 'release'),
    false,
  );
  const main = matchers[0];
  if (main === undefined) throw new Error('no main file matcher');
  return main.createFilter() as unknown as Filter;
}

/** Like electron-builder's directory walk: a file ships only if it and every folder above it pass. */
function ships(filter: Filter, relativePath: string): boolean {
  const parts = relativePath.split('/');
  for (let depth = 1; depth < parts.length; depth += 1) {
    if (!filter(join(PROJECT, ...parts.slice(0, depth)), dirStat)) return false;
  }
  return filter(join(PROJECT, ...parts), fileStat);
}

/** The filter electron-builder applies to a production dependency's files, keyed by their packaged path. */
function nodeModuleShips(config: Configuration, moduleName: string, inModule: string): boolean {
  const patterns = getNodeModuleFileMatcher(
    PROJECT,
    DEST,
    identity,
    config.win ?? {},
    fakePackager(config).info,
  ).patterns;
  const moduleDir = join(PROJECT, 'node_modules', moduleName);
  const destination = join(DEST, 'node_modules', moduleName);
  const filter = new FileMatcher(
    moduleDir,
    destination,
    identity,
    patterns,
  ).createFilter() as unknown as Filter;
  return filter(join(moduleDir, inModule), {
    isDirectory: () => false,
    moduleFullFilePath: join(destination, inModule),
  });
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [relative(PROJECT, full).split(sep).join('/')];
  });
}

const config = createBuilderConfig({});

describe('electron-builder configuration', () => {
  it('loads through electron-builder and passes its schema validation', async () => {
    const loaded = await getConfig(PROJECT, 'electron-builder.config.ts', null);
    await expect(validateConfiguration(loaded, noDebug)).resolves.toBeUndefined();
    expect([loaded.appId, loaded.productName]).toEqual([APP_ID, 'ChainLens']);
  });

  it('is refused by the same validation when an option is misspelt (the check is live)', async () => {
    const broken = { ...config, prodcutName: 'ChainLens' } as Configuration;
    await expect(validateConfiguration(broken, noDebug)).rejects.toThrow(
      "configuration has an unknown property 'prodcutName'",
    );
  });

  it('ships every file the packaged app loads at run time', async () => {
    await ensureBuilt({ rebuildIfStale: false });
    const filter = appFileFilter(config);
    const required = [
      'out/main/index.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'package.json',
    ];
    expect(required.map((file) => ships(filter, file))).toEqual(required.map(() => true));
    const built = walk(join(PROJECT, 'out')).filter((file) => !file.endsWith('.map'));
    expect(built.some((file) => file.startsWith('out/renderer/assets/'))).toBe(true);
    expect(built.filter((file) => !ships(filter, file))).toEqual([]);
  });

  it('ships nothing from the project root but out/ and package.json', () => {
    const filter = appFileFilter(config);
    const top = readdirSync(PROJECT).filter((name) => name !== 'node_modules');
    const shipped = top.filter((name) =>
      statSync(join(PROJECT, name)).isDirectory()
        ? filter(join(PROJECT, name), dirStat)
        : filter(join(PROJECT, name), fileStat),
    );
    expect(shipped.sort()).toEqual(['out', 'package.json']);
  });

  it('leaves out sources, tests, benchmarks, build resources, workflows, source maps and the lock file', () => {
    const filter = appFileFilter(config);
    const never = [
      'src/main/index.ts',
      'src/renderer/src/main.tsx',
      'test/main/electron/ipc-host.test.ts',
      'bench/run.ts',
      'build/icon.png',
      'build/entitlements.mac.plist',
      '.github/workflows/release.yml',
      'docs/release.md',
      'electron-builder.config.ts',
      'electron.vite.config.ts',
      'package-lock.json',
      'out/main/index.js.map',
      'release/ChainLens-Setup-0.1.0.exe',
    ];
    expect(never.filter((file) => ships(filter, file))).toEqual([]);
    // The same check catches a configuration that ships the whole project.
    expect(never.filter((file) => ships(appFileFilter({ ...config, files: ['**/*'] }), file))).toEqual([
      'src/main/index.ts',
      'src/renderer/src/main.tsx',
      'test/main/electron/ipc-host.test.ts',
      'bench/run.ts',
      'docs/release.md',
      'electron-builder.config.ts',
      'electron.vite.config.ts',
      'out/main/index.js.map',
    ]);
  });

  it('ships the native keytar binary and the runtime libraries from node_modules', () => {
    expect(nodeModuleShips(config, 'keytar', 'build/Release/keytar.node')).toBe(true);
    // The same check refuses it once a pattern excludes native modules.
    expect(
      nodeModuleShips(
        { ...config, files: ['out/**/*', 'package.json', '!**/*.node'] },
        'keytar',
        'build/Release/keytar.node',
      ),
    ).toBe(false);
    expect(nodeModuleShips(config, 'keytar', 'lib/keytar.js')).toBe(true);
    expect(nodeModuleShips(config, 'ws', 'index.js')).toBe(true);
    expect(nodeModuleShips(config, 'pino', 'pino.js')).toBe(true);
    expect(nodeModuleShips(config, 'electron-updater', 'out/main.js')).toBe(true);
  });

  it('unpacks keytar.node from the asar archive, and nothing else of ours', () => {
    const matcher = getFileMatchers(config, 'asarUnpack', DEST, {
      macroExpander: identity,
      customBuildOptions: {},
      globalOutDir: join(PROJECT, 'release'),
      defaultSrc: PROJECT,
    })?.[0];
    if (matcher === undefined) throw new Error('no asarUnpack matcher');
    const unpack = matcher.createFilter() as unknown as Filter;
    const asNodeModule = (path: string) =>
      unpack(join(PROJECT, 'node_modules', path), {
        isDirectory: () => false,
        moduleFullFilePath: join(DEST, 'node_modules', path),
      });
    expect(asNodeModule('keytar/build/Release/keytar.node')).toBe(true);
    expect(asNodeModule('keytar/lib/keytar.js')).toBe(false);
    expect(unpack(join(PROJECT, 'out/main/index.js'), fileStat)).toBe(false);
  });

  it('declares every package the main bundle and its chunks require as a production dependency', async () => {
    await ensureBuilt({ rebuildIfStale: false });
    // keytar is optional so that `npm install` succeeds where it cannot be built (the app then
    // reports KEYCHAIN_UNAVAILABLE); electron-builder ships optional dependencies like any other.
    const manifest = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    const pkg = { dependencies: { ...manifest.dependencies, ...manifest.optionalDependencies } };
    const code = walk(join(PROJECT, 'out/main'))
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(join(PROJECT, file), 'utf8'))
      .join('\n');
    const required = [...code.matchAll(/require\(["']([^"'./][^"']*)["']\)/g)].map((m) => m[1] ?? '');
    const packages = [
      ...new Set(
        required.map((id) =>
          id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : (id.split('/')[0] ?? ''),
        ),
      ),
    ];
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(packages).toContain('electron-updater');
    expect(
      packages.filter(
        (name) => name !== 'electron' && !builtins.has(name) && pkg.dependencies[name] === undefined,
      ),
    ).toEqual([]);
  });

  it('hardens the packaged binary with Electron fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: false,
      grantFileProtocolExtraPrivileges: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it('builds a one-click per-user NSIS installer with shortcuts and an uninstaller entry', () => {
    expect(config.nsis).toEqual({
      oneClick: true,
      perMachine: false,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      shortcutName: 'ChainLens',
      uninstallDisplayName: 'ChainLens',
      deleteAppDataOnUninstall: false,
      runAfterFinish: true,
      artifactName: '${productName}-Setup-${version}.${ext}',
    });
  });

  it('signs macOS builds with the hardened runtime and the checked-in entitlements, plus a zip for updates', () => {
    expect(config.mac).toMatchObject({
      hardenedRuntime: true,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
      icon: 'build/icon.icns',
      identity: null,
      notarize: false,
    });
    expect(config.mac?.target).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ]);
    for (const file of [
      'build/entitlements.mac.plist',
      'build/icon.icns',
      'build/icon.ico',
      'build/icon.png',
    ]) {
      expect(existsSync(join(PROJECT, file))).toBe(true);
    }
  });

  it('grants the hardened runtime only the JIT entitlement', () => {
    const plist = readFileSync(join(PROJECT, 'build/entitlements.mac.plist'), 'utf8').replace(
      /<!--[\s\S]*?-->/g,
      '',
    );
    expect([...plist.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\/>/g)].map((m) => [m[1], m[2]])).toEqual([
      ['com.apple.security.cs.allow-jit', 'true'],
    ]);
  });

  it('publishes draft GitHub releases for electron-updater', () => {
    expect(config.publish).toEqual([
      { provider: 'github', owner: 'chainlens', repo: 'chainlens-desktop', releaseType: 'draft' },
    ]);
  });
});

describe('release environment', () => {
  it('switches all signing off without credentials and says how to turn it on', () => {
    const plan = signingPlan({});
    expect(plan).toEqual({ windows: 'off', mac: 'off', notarize: false });
    expect(describeSigning(plan)).toEqual([
      '[chainlens] Windows code signing: OFF (set WIN_CSC_LINK + WIN_CSC_KEY_PASSWORD, or the AZURE_* Trusted Signing variables)',
      '[chainlens] macOS code signing: OFF (set CSC_LINK + CSC_KEY_PASSWORD with a Developer ID Application certificate)',
      '[chainlens] macOS notarization: OFF (needs signing plus APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER)',
    ]);
  });

  it('signs Windows with a certificate file and records the publisher electron-updater verifies', () => {
    const env = {
      WIN_CSC_LINK: 'cert.pfx',
      WIN_CSC_KEY_PASSWORD: 'pw',
      WIN_PUBLISHER_NAME: 'ChainLens Technologies Pvt Ltd',
    };
    expect(signingPlan(env).windows).toBe('certificate-file');
    expect(createBuilderConfig(env).win).toMatchObject({
      signtoolOptions: { publisherName: 'ChainLens Technologies Pvt Ltd' },
    });
  });

  it('signs Windows with Azure Trusted Signing when all of its variables are set', () => {
    const env = {
      AZURE_TENANT_ID: 't',
      AZURE_CLIENT_ID: 'c',
      AZURE_CLIENT_SECRET: 's',
      AZURE_SIGN_ENDPOINT: 'https://eus.codesigning.azure.net',
      AZURE_SIGN_ACCOUNT: 'chainlens',
      AZURE_SIGN_PROFILE: 'public-trust',
    };
    expect(signingPlan(env).windows).toBe('azure-trusted-signing');
    expect(createBuilderConfig(env).win).toMatchObject({
      azureSignOptions: {
        endpoint: 'https://eus.codesigning.azure.net',
        codeSigningAccountName: 'chainlens',
        certificateProfileName: 'public-trust',
        publisherName: 'ChainLens',
      },
    });
    expect(signingPlan({ ...env, AZURE_SIGN_PROFILE: '' }).windows).toBe('off');
  });

  it('notarizes only a signed macOS build with a complete set of Apple credentials', () => {
    const signed = { CSC_LINK: 'developer-id.p12', CSC_KEY_PASSWORD: 'pw' };
    const apiKey = {
      APPLE_API_KEY: '/tmp/AuthKey.p8',
      APPLE_API_KEY_ID: 'ABC123',
      APPLE_API_ISSUER: 'issuer-uuid',
    };
    expect(signingPlan({ ...signed, ...apiKey })).toMatchObject({ mac: 'developer-id', notarize: true });
    expect(signingPlan(apiKey)).toMatchObject({ mac: 'off', notarize: false });
    expect(signingPlan({ ...signed, APPLE_API_KEY: '/tmp/AuthKey.p8' })).toMatchObject({
      mac: 'developer-id',
      notarize: false,
    });
    const macConfig = createBuilderConfig({ ...signed, ...apiKey }).mac;
    expect([macConfig?.notarize, macConfig && 'identity' in macConfig]).toEqual([true, false]);
    expect(createBuilderConfig({ ...signed, ...apiKey }).electronFuses?.resetAdHocDarwinSignature).toBe(
      false,
    );
  });

  it('publishes to the repository named by the environment, then by GitHub Actions, then the default', () => {
    expect(
      publishRepository({
        CHAINLENS_PUBLISH_OWNER: 'acme',
        CHAINLENS_PUBLISH_REPO: 'lens',
        GITHUB_REPOSITORY: 'x/y',
      }),
    ).toEqual({ owner: 'acme', repo: 'lens' });
    expect(publishRepository({ GITHUB_REPOSITORY: 'traders/chainlens' })).toEqual({
      owner: 'traders',
      repo: 'chainlens',
    });
    expect(publishRepository({})).toEqual({ owner: 'chainlens', repo: 'chainlens-desktop' });
  });
});
