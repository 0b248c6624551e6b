import { compilerSource } from './compiler/index.js';
import { rustCheckoutSource } from './rust-checkout/index.js';
import { toolchainDocsSource } from './toolchain-docs/index.js';
import type { RegistrySource } from '../types.js';

/** Every source of registry facts, one folder each: names first, then the compiler that verifies them. */
export const registrySources: RegistrySource[] = [rustCheckoutSource, toolchainDocsSource, compilerSource];
