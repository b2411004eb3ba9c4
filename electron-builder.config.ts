/**
 * electron-builder configuration for the Windows (NSIS) and macOS (DMG) installers, plus a Linux
 * AppImage for testing. Code signing and notarisation are driven by environment variables and
 * simply switch off when those are absent (with a line saying so); docs/release.md lists them.
 *
 * `npm run dist:win` / `dist:mac` / `dist:linux` load this file; test/packaging checks it against
 * electron-builder's own schema and file matcher.
 */
import type { Configuration } from 'electron-builder';

export type ReleaseEnvironment = Readonly<Record<string, string | undefined>>;

export const APP_ID = 'in.chainlens.desktop';
export const PRODUCT_NAME = 'ChainLens';

/** Where electron-updater looks for releases unless CHAINLENS_PUBLISH_OWNER/REPO or GITHUB_REPOSITORY say otherwise. */
export const DEFAULT_PUBLISH_REPOSITORY = { owner: 'chainlens', repo: 'chainlens-desktop' } as const;

/** What the environment enables; computed once and logged so a release log shows it. */
export interface SigningPlan {
  readonly windows: 'certificate-file' | 'azure-trusted-signing' | 'off';
  readonly mac: 'developer-id' | 'off';
  readonly notarize: boolean;
}

const present = (env: ReleaseEnvironment, name: string): boolean => (env[name] ?? '').trim() !== '';

export function signingPlan(env: ReleaseEnvironment): SigningPlan {
  const windows =
    present(env, 'WIN_CSC_LINK') || present(env, 'CSC_LINK')
      ? 'certificate-file'
      : [
            'AZURE_TENANT_ID',
            'AZURE_CLIENT_ID',
            'AZURE_CLIENT_SECRET',
            'AZURE_SIGN_ENDPOINT',
            'AZURE_SIGN_ACCOUNT',
            'AZURE_SIGN_PROFILE',
          ].every((name) => present(env, name))
        ? 'azure-trusted-signing'
        : 'off';
  const mac = present(env, 'CSC_LINK') || present(env, 'CSC_NAME') ? 'developer-id' : 'off';
  const appleCredentials =
    ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'].every((name) => present(env, name)) ||
    ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'].every((name) => present(env, name)) ||
    ['APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE'].every((name) => present(env, name));
  return { windows, mac, notarize: mac === 'developer-id' && appleCredentials };
}

/** Owner and repository of the GitHub releases electron-updater reads. */
export function publishRepository(env: ReleaseEnvironment): { owner: string; repo: string } {
  const [ghOwner, ghRepo] = (env['GITHUB_REPOSITORY'] ?? '').split('/');
  return {
    owner: env['CHAINLENS_PUBLISH_OWNER'] || ghOwner || DEFAULT_PUBLISH_REPOSITORY.owner,
    repo: env['CHAINLENS_PUBLISH_REPO'] || ghRepo || DEFAULT_PUBLISH_REPOSITORY.repo,
  };
}

/** The lines printed when the configuration loads. */
export function describeSigning(plan: SigningPlan): string[] {
  return [
    plan.windows === 'off'
      ? '[chainlens] Windows code signing: OFF (set WIN_CSC_LINK + WIN_CSC_KEY_PASSWORD, or the AZURE_* Trusted Signing variables)'
      : `[chainlens] Windows code signing: ON (${plan.windows})`,
    plan.mac === 'off'
      ? '[chainlens] macOS code signing: OFF (set CSC_LINK + CSC_KEY_PASSWORD with a Developer ID Application certificate)'
      : '[chainlens] macOS code signing: ON (Developer ID)',
    plan.notarize
      ? '[chainlens] macOS notarization: ON'
      : '[chainlens] macOS notarization: OFF (needs signing plus APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER)',
  ];
}

export function createBuilderConfig(env: ReleaseEnvironment): Configuration {
  const plan = signingPlan(env);
  const repository = publishRepository(env);
  return {
    appId: APP_ID,
    productName: PRODUCT_NAME,
    copyright: 'Copyright © ChainLens',
    directories: { output: 'release', buildResources: 'build' },
    // Only the bundles electron-vite built and package.json. electron-builder adds the production
    // dependencies (never devDependencies) itself, already without read-mes, change logs and native
    // build leftovers (keytar's src/, obj.target/, Makefiles). Sources, tests and benchmarks never ship.
    files: ['out/**/*', 'package.json', '!out/**/*.map'],
    asar: true,
    // A native module cannot be loaded from inside the asar archive.
    asarUnpack: ['**/node_modules/keytar/build/Release/*.node'],
    npmRebuild: true,
    buildDependenciesFromSource: false,
    electronFuses: {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      // Off until verified on a signed Windows build: electron-builder#9428 reports that Windows
      // code signing invalidates the embedded integrity and the app then refuses to start.
      enableEmbeddedAsarIntegrityValidation: false,
      // The renderer is loaded from file://; its ES modules need file:// privileges.
      grantFileProtocolExtraPrivileges: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      // Flipping fuses breaks Electron's ad-hoc signature; an unsigned arm64 app must be re-signed
      // ad hoc or macOS refuses to start it. A Developer ID signature replaces it anyway.
      resetAdHocDarwinSignature: plan.mac === 'off',
    },
    mac: {
      category: 'public.app-category.finance',
      icon: 'build/icon.icns',
      // The zip is what electron-updater (Squirrel.Mac) installs updates from; the DMG is for people.
      target: [
        { target: 'dmg', arch: ['arm64', 'x64'] },
        { target: 'zip', arch: ['arm64', 'x64'] },
      ],
      hardenedRuntime: true,
      gatekeeperAssess: false,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
      // null skips signing outright instead of searching the keychain for any certificate.
      ...(plan.mac === 'off' ? { identity: null } : {}),
      notarize: plan.notarize,
    },
    dmg: {
      title: '${productName} ${version}',
      artifactName: '${productName}-${version}-${arch}.${ext}',
      iconSize: 96,
      window: { width: 540, height: 380 },
      contents: [
        { x: 140, y: 190, type: 'file' },
        { x: 400, y: 190, type: 'link', path: '/Applications' },
      ],
    },
    win: {
      icon: 'build/icon.ico',
      target: [{ target: 'nsis', arch: ['x64'] }],
      ...(plan.windows === 'azure-trusted-signing'
        ? {
            azureSignOptions: {
              endpoint: env['AZURE_SIGN_ENDPOINT'] ?? '',
              codeSigningAccountName: env['AZURE_SIGN_ACCOUNT'] ?? '',
              certificateProfileName: env['AZURE_SIGN_PROFILE'] ?? '',
              publisherName: env['WIN_PUBLISHER_NAME'] ?? PRODUCT_NAME,
            },
          }
        : plan.windows === 'certificate-file' && present(env, 'WIN_PUBLISHER_NAME')
          ? { signtoolOptions: { publisherName: env['WIN_PUBLISHER_NAME'] ?? '' } }
          : {}),
    },
    nsis: {
      // One-click, per-user: installs without administrator rights into the user's profile (traders
      // on managed PCs often have none), and electron-updater can then update silently.
      oneClick: true,
      perMachine: false,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      shortcutName: PRODUCT_NAME,
      uninstallDisplayName: PRODUCT_NAME,
      deleteAppDataOnUninstall: false,
      runAfterFinish: true,
      artifactName: '${productName}-Setup-${version}.${ext}',
    },
    linux: {
      icon: 'build/icon.png',
      category: 'Finance',
      target: [{ target: 'AppImage', arch: ['x64'] }],
    },
    publish: [{ provider: 'github', owner: repository.owner, repo: repository.repo, releaseType: 'draft' }],
  };
}

const config = createBuilderConfig(process.env);
for (const line of describeSigning(signingPlan(process.env))) console.log(line);

export default config;
