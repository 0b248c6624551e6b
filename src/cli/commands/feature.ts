import { collectFeatureAnswer } from '../../registry/answer.js';
import { featureReporters } from '../../registry/reporters.js';
import type { RegisterCommand } from '../command.js';
import { useColour } from '../io.js';

/** `gatewatch feature <name>`: everything known about one feature or -Z flag. */
export const registerFeature: RegisterCommand = (program, run) => {
  program
    .command('feature')
    .description('everything known about one feature or -Z flag: kind, status, release, tracking issue, sources')
    .argument('<name>', 'feature name (`let_chains`) or -Z flag in any spelling (`-Zbinary_dep_depinfo`)')
    .option('--toolchain <name|path>', 'answer for this toolchain (rustup name or sysroot path), verified by its compiler')
    .option('--json', 'print the answer document (schema gatewatch/feature@1)')
    // `-Zflag` is a name here, not an option of gatewatch.
    .allowUnknownOption()
    .addHelpText(
      'after',
      `
Examples:
  gatewatch feature let_chains
  gatewatch feature -Zbinary-dep-depinfo --json
  gatewatch feature arbitrary_self_types --toolchain stable`,
    )
    .action(async (name: string, opts: { toolchain?: string; json?: boolean }) => {
      const answer = await collectFeatureAnswer(name, opts.toolchain !== undefined ? { toolchain: opts.toolchain } : {});
      const result = (opts.json ? featureReporters.json : featureReporters.text)(answer, { colour: useColour(run.io) });
      run.io.stdout(result.output);
      run.exitCode = result.exitCode;
    });
};
