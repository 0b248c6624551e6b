import type { RegisterCommand } from '../command.js';
import { registerScan } from './scan.js';

/** Every sub-command, in the order `--help` lists them. Add a command by adding a module here. */
export const commands: RegisterCommand[] = [registerScan];
