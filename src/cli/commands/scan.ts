import type { RegisterCommand } from '../command.js';

/** `gatewatch scan <tree>`: every unstable feature and -Z flag in a tree. */
export const registerScan: RegisterCommand = (program) => {
  program.command('scan <tree>').description('list every unstable feature and -Z flag in a tree');
};
