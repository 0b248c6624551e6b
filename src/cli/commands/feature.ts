import { computeFeatureAnswer } from '../../registry/answer.js';
import { buildFeatureInputs, resolveFeatureInputs } from '../../inputs/feature.js';
import { featureReporters } from '../../reporters/registry/index.js';
import type { RegisterCommand } from '../command.js';
import { useColour } from '../io.js';
import { chooseFormat, print } from '../output.js';

/** `gatewatch feature <name>`: everything known about one feature or -Z flag. */
export const registerFeature: RegisterCommand = (program, run) => {
  program
    .command('feature')
    .description('everything known about one feature or -Z flag: kind, status, release, tracking issue, sources (exit 1 when nothing knows the name)')
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
      const format = chooseFormat(opts, ['json'], 'text');
      const inputs = resolveFeatureInputs({ name, toolchain: opts.toolchain, cwd: run.io.cwd });
      const { registry, word } = await buildFeatureInputs(inputs);
      const answer = computeFeatureAnswer(name, registry, word);
      print(run, featureReporters[format](answer, { colour: useColour(run.io) }));
    });
};
