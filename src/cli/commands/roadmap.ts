import { Option, type Command } from 'commander';
import type { LinkedRoadmap } from '../../model/roadmap.js';
import { buildRoadmapInputs, resolveRoadmapInputs, type RoadmapFacts } from '../../inputs/roadmap.js';
import { computeRoadmapCheck } from '../../roadmap/compute-check.js';
import { computeRoadmapStatus } from '../../roadmap/compute-status.js';
import { roadmapCheckReporters, roadmapRenderers, type RoadmapFormat } from '../../reporters/roadmap/index.js';
import { roadmapSources } from '../../roadmap/sources/index.js';
import type { RegisterCommand } from '../command.js';
import { terminalWidth, useColour } from '../io.js';
import { chooseFormat, print } from '../output.js';

interface InputOptions {
  registry?: string;
  scan?: string;
  from?: string;
}

/** The roadmap document linked to its registry and scan: the compute step every roadmap command shares. */
function computeLinked(facts: RoadmapFacts): LinkedRoadmap {
  const { roadmap, registry, scan, registryLabel, scanLabel } = facts;
  return computeRoadmapStatus(roadmap, { registry, scan, ...(registryLabel ? { registryLabel } : {}), ...(scanLabel ? { scanLabel } : {}) });
}

function inputOptions(cmd: Command): Command {
  return cmd
    .option('--registry <file>', 'registry document to link gates against (default: bundled data/registry.json; `none` to skip)')
    .option('--scan <file>', 'kernel scan document for "still enabled by the kernel" (default: the newest bundled kernel scan; `none` to skip)')
    .addOption(new Option('--from <format>', 'read every file in this format instead of detecting it').choices(roadmapSources.map((s) => s.name)));
}

/** `gatewatch roadmap`: the Rust-for-Linux roadmap as data, linked to the registry and the kernel scan. */
export const registerRoadmap: RegisterCommand = (program, run) => {
  const roadmap = inputOptions(
    program
      .command('roadmap')
      .description('the Rust-for-Linux roadmap as data: goals, wanted features, other topics, with computed statuses')
      .argument('[files...]', 'roadmap files or directories (gatewatch .toml, rust-project-goals .md, wanted-list .md); the bundled roadmap when none')
      .option('--json', 'print the linked roadmap document (schema gatewatch/roadmap@1)'),
  )
    .addHelpText(
      'after',
      `
Examples:
  gatewatch roadmap
  gatewatch roadmap --json > roadmap.json
  gatewatch roadmap check
  gatewatch roadmap render --format wanted-list`,
    )
    .action(async (files: string[], opts: InputOptions & { json?: boolean }) => {
      const inputs = resolveRoadmapInputs({ files, ...opts, cwd: run.io.cwd });
      const facts = await buildRoadmapInputs(inputs);
      const linked = computeLinked(facts);
      print(run, roadmapRenderers[chooseFormat(opts, ['json'], 'text')](linked, { colour: useColour(run.io), width: terminalWidth(run.io) }));
    });

  inputOptions(
    roadmap
      .command('check')
      .description('validate roadmap files: every problem with file:line; exit 1 when there are errors')
      .argument('[files...]', 'roadmap files or directories; the bundled roadmap when none')
      .option('--json', 'print the problems as a document (schema gatewatch/roadmap-check@1)')
      .option('--fail-on-conflicts', 'also exit 1 when a written status conflicts with the computed one'),
  ).action(async (files: string[], _opts: unknown, cmd: Command) => {
    // Options of `roadmap` itself (--registry, --scan, --from) may be written before or after `check`.
    const opts = cmd.optsWithGlobals<InputOptions & { json?: boolean; failOnConflicts?: boolean }>();
    const inputs = resolveRoadmapInputs({ files, ...opts, cwd: run.io.cwd });
    const facts = await buildRoadmapInputs(inputs);
    const check = computeRoadmapCheck(computeLinked(facts), { failOnConflicts: opts.failOnConflicts ?? false });
    print(run, roadmapCheckReporters[chooseFormat(opts, ['json'], 'text')](check, { colour: useColour(run.io) }));
  });

  inputOptions(
    roadmap
      .command('render')
      .description('regenerate the documents with computed statuses')
      .argument('[files...]', 'roadmap files or directories; the bundled roadmap when none')
      .addOption(new Option('--format <format>', 'output document').choices(Object.keys(roadmapRenderers)).default('wanted-list'))
      .option('--json', 'same as --format json'),
  ).action(async (files: string[], _opts: unknown, cmd: Command) => {
    const opts = cmd.optsWithGlobals<InputOptions & { format: RoadmapFormat; json?: boolean }>();
    const inputs = resolveRoadmapInputs({ files, ...opts, cwd: run.io.cwd });
    const facts = await buildRoadmapInputs(inputs);
    const linked = computeLinked(facts);
    print(run, roadmapRenderers[opts.json ? 'json' : opts.format](linked, { colour: useColour(run.io) }));
  });
};
