/**
 * electron-builder afterPack hook: flips Electron's fuses in the packaged binary before it is signed,
 * so the shipped app cannot be turned into a generic Node runtime or have its code swapped:
 * no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no --inspect, the app only from its asar archive and
 * that archive checked against the integrity hash embedded at build time, cookies encrypted.
 */
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

/** The fuse settings, by name (also read by test/packaging). */
export const FUSES = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  EnableCookieEncryption: true,
};

/** The Electron binary inside the packed app for each platform. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${name}.app`);
    case 'win32':
      return join(appOutDir, `${name}.exe`);
    default:
      return join(appOutDir, packager.executableName);
  }
}

export function fuseConfig(electronPlatformName) {
  const config = {
    version: FuseVersion.V1,
    // Flipping fuses breaks macOS's ad-hoc signature; re-sign ad hoc (a real signature follows when configured).
    resetAdHocDarwinSignature: electronPlatformName === 'darwin' || electronPlatformName === 'mas',
  };
  for (const [name, value] of Object.entries(FUSES)) config[FuseV1Options[name]] = value;
  return config;
}

export default async function afterPack(context) {
  const binary = electronBinaryPath(context);
  await flipFuses(binary, fuseConfig(context.electronPlatformName));
  console.log(`  • fuses flipped  ${Object.entries(FUSES).map(([k, v]) => `${k}=${v ? 'on' : 'off'}`).join(' ')}`);
}
