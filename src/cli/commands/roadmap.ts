import { Option, type Command } from 'commander';
import { GatewatchError } from '../../core/errors.js';
import type { LinkedRoadmap } from '../../model/roadmap.js';
import { buildRoadmap } from '../../roadmap/build-roadmap.js';
import { computeRoadmapStatus } from '../../roadmap/compute-status.js';
import { collectRegistry, collectRoadmapFiles, collectScan } from '../../roadmap/load.js';
import { roadmapRenderers, type RoadmapFormat } from '../../roadmap/render/index.js';
import { renderRoadmapCheck, renderRoadmapCheckJson } from '../../roadmap/render/text.js';
import { roadmapSources } from '../../roadmap/sources/index.js';
import type { CliRun, RegisterCommand } from '../command.js';
import { useColour } from '../io.js';

interface InputOptions {
  registry?: string;
  scan?: string;
  from?: string;
}

/** collect -> build -> compute: the linked roadmap of these files (the bundled roadmap when none). */
function linkedRoadmap(run: CliRun, files: string[], opts: InputOptions): LinkedRoadmap {
  const source = opts.from ? roadmapSources.find((s) => s.name === opts.from) : undefined;
  if (opts.from && !source) throw new GatewatchError('E_USAGE', `unknown roadmap format "${opts.from}"`, { hint: `expected one of ${roadmapSources.map((s) => s.name).join(', ')}` });
  const input = collectRoadmapFiles(files, run.io.cwd);
  const { registry, label: registryLabel } = collectRegistry(opts.registry, run.io.cwd);
  const { scan, label: scanLabel } = collectScan(opts.scan, run.io.cwd);
  const doc = buildRoadmap(input.files, source ? { source } : {});
  doc.diagnostics.unshift(...input.diagnostics);
  return computeRoadmapStatus(doc, { registry, scan, ...(registryLabel ? { registryLabel } : {}), ...(scanLabel ? { scanLabel } : {}) });
}

function inputOptions(cmd: Command): Command {
  return cmd
    .option('--registry <file>', 'registry document to link gates against (default: bundled data/registry.json; `none` to skip)')
    .option('--scan <file>', 'kernel scan document for "still enabled by the kernel" (default: bundled data/scans/linux-6.12.json; `none` to skip)')
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
    .action((files: string[], opts: InputOptions & { json?: boolean }) => {
      const linked = linkedRoadmap(run, files, opts);
      const result = (opts.json ? roadmapRenderers.json : roadmapRenderers.text)(linked, { colour: useColour(run.io) });
      run.io.stdout(result.output);
      run.exitCode = result.exitCode;
    });

  inputOptions(
    roadmap
      .command('check')
      .description('validate roadmap files: every problem with file:line; exit 1 when there are errors')
      .argument('[files...]', 'roadmap files or directories; the bundled roadmap when none')
      .option('--json', 'print the problems as JSON diagnostics')
      .option('--fail-on-conflicts', 'also exit 1 when a written status conflicts with the computed one'),
  ).action((files: string[], _opts: unknown, cmd: Command) => {
    // Options of `roadmap` itself (--registry, --scan, --from) may be written before or after `check`.
    const opts = cmd.optsWithGlobals<InputOptions & { json?: boolean; failOnConflicts?: boolean }>();
    const linked = linkedRoadmap(run, files, opts);
    const failOnConflicts = opts.failOnConflicts ?? false;
    const result = opts.json ? renderRoadmapCheckJson(linked, { failOnConflicts }) : renderRoadmapCheck(linked, { colour: useColour(run.io), failOnConflicts });
    run.io.stdout(result.output);
    run.exitCode = result.exitCode;
  });

  inputOptions(
    roadmap
      .command('render')
      .description('regenerate the documents with computed statuses')
      .argument('[files...]', 'roadmap files or directories; the bundled roadmap when none')
      .addOption(new Option('--format <format>', 'output document').choices(Object.keys(roadmapRenderers)).default('wanted-list'))
      .option('--json', 'same as --format json'),
  ).action((files: string[], _opts: unknown, cmd: Command) => {
    const opts = cmd.optsWithGlobals<InputOptions & { format: RoadmapFormat; json?: boolean }>();
    const linked = linkedRoadmap(run, files, opts);
    const result = roadmapRenderers[opts.json ? 'json' : opts.format](linked, { colour: useColour(run.io) });
    run.io.stdout(result.output);
    run.exitCode = result.exitCode;
  });
};
