import type { RegisterCommand } from '../command.js';
import { registerCheck } from './check.js';
import { registerFeature } from './feature.js';
import { registerRegistry } from './registry.js';
import { registerReport } from './report.js';
import { registerRoadmap } from './roadmap.js';
import { registerScan } from './scan.js';

/** Every sub-command, in the order `--help` lists them. Add a command by adding a module here. */
export const commands: RegisterCommand[] = [registerReport, registerCheck, registerScan, registerRoadmap, registerRegistry, registerFeature];
