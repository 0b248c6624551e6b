import { bootstrapSettings } from './bootstrap-settings/index.js';
import { cargoConfig } from './cargo-config/index.js';
import { cargoManifest } from './cargo-manifest/index.js';
import { crateEditions } from './crate-editions/index.js';
import { kbuildMake } from './kbuild-make/index.js';
import { kconfigClaims } from './kconfig-claims/index.js';
import { kernelMeta } from './kernel-meta/index.js';
import { rustCrateAttrs } from './rust-crate-attrs/index.js';
import { rustToolchainFile } from './rust-toolchain-file/index.js';
import type { ScanSource } from './types.js';

/** Every source of scan facts, one folder each. Adding a mechanism means adding a source here. */
export const scanSources: ScanSource[] = [
  kernelMeta,
  rustCrateAttrs,
  kconfigClaims,
  cargoConfig,
  cargoManifest,
  crateEditions,
  rustToolchainFile,
  bootstrapSettings,
  kbuildMake,
];
