import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { EXIT, GatewatchError } from '../../core/errors.js';
import { buildRegistryInput, resolveRegistryInput } from '../../inputs/registry.js';
import { buildRegistryFromSource, type RegistrySource } from '../../registry/build-from-source.js';
import { BUNDLED_REGISTRY_URL, loadBundledRegistry } from '../../registry/load.js';
import { buildBundledRegistry } from '../../registry/update.js';
import { registryReporters } from '../../reporters/registry/index.js';
import { renderRegistryFile } from '../../reporters/registry/file.js';
import type { Registry } from '../../model/registry.js';
import type { ReporterResult } from '../../reporters/types.js';
import type { CliRun, RegisterCommand } from '../command.js';
import { useColour } from '../io.js';
import { chooseFormat, print } from '../output.js';
import { progressListener, type ProgressMode } from '../progress-bar.js';

const progressOption = () => new Option('--progress <mode>', 'progress on stderr').choices(['auto', 'json', 'none']).default('auto');

/** Write a registry document to a file (`-o`) and say so, or render it with the reporter the flags choose. */
function output(run: CliRun, registry: Registry, opts: { json?: boolean | undefined; output?: string | undefined }): ReporterResult {
  if (opts.output === undefined) return registryReporters[chooseFormat(opts, ['json'], 'text')](registry, { colour: useColour(run.io) });
  writeFileSync(resolve(run.io.cwd, opts.output), renderRegistryFile(registry));
  return { output: `wrote ${opts.output}: ${registry.features.length} names\n`, exitCode: EXIT.ok };
}

/** `registry build`'s one source; neither or both is a usage error. */
function resolveRegistrySource(opts: { fromRust?: string; fromToolchain?: string; toolchain?: string }, cwd: string): RegistrySource {
  if ((opts.fromRust === undefined) === (opts.fromToolchain === undefined)) {
    throw new GatewatchError('E_USAGE', 'registry build needs exactly one of --from-rust <checkout> or --from-toolchain <name>');
  }
  return opts.fromRust !== undefined ? { kind: 'checkout', path: resolve(cwd, opts.fromRust), verifyWith: opts.toolchain } : { kind: 'toolchain', name: opts.fromToolchain! };
}

/** `gatewatch registry`: the feature/flag registry, its builds from a checkout or a toolchain, and its update. */
export const registerRegistry: RegisterCommand = (program, run) => {
  const registry = program
    .command('registry')
    .description('every rustc language feature, library feature and -Z flag: status, release, tracking issue, sources')
    .option('--toolchain <name|path>', 'the registry of this toolchain (rustup name or sysroot path), verified by its compiler in one batch')
    .option('--json', 'print the registry document (schema gatewatch/registry@1)')
    .addOption(progressOption())
    .addHelpText(
      'after',
      `
Without --toolchain, the bundled data (data/registry.json) answers; no compiler is run.
\`gatewatch registry update\` regenerates that file from the toolchains on this machine.

Examples:
  gatewatch registry
  gatewatch registry --toolchain stable --json
  gatewatch registry build --from-toolchain stable -o stable-registry.json`,
    )
    .action(async (opts: { toolchain?: string; json?: boolean; progress: ProgressMode }) => {
      const input = resolveRegistryInput({ toolchain: opts.toolchain, cwd: run.io.cwd });
      const { listener, done } = progressListener(run.io, opts.progress);
      const built = await buildRegistryInput(input, { onProgress: listener }).finally(done);
      print(run, output(run, built.registry!, opts));
    });

  registry
    .command('build')
    .description('build a registry from one source: a rust-lang/rust checkout or an installed toolchain')
    .option('--from-rust <checkout>', 'a rust-lang/rust checkout (feature tables, library attributes, -Z options)')
    .option('--from-toolchain <name|path>', 'an installed toolchain (Unstable Book, release notes, rust-src when installed, -Z help), verified by its compiler')
    .option('--toolchain <name|path>', 'with --from-rust: also verify the names with this toolchain\'s compiler')
    .option('--json', 'print the registry document')
    .option('-o, --output <file>', 'write the registry document to a file')
    .addOption(progressOption())
    .addHelpText(
      'after',
      `
Examples:
  gatewatch registry build --from-rust ~/rust --json
  gatewatch registry build --from-toolchain nightly -o nightly-registry.json`,
    )
    .action(async (_opts: unknown, cmd: Command) => {
      // `registry` itself has --json and --toolchain: commander may give them to the parent, so read both.
      const opts = cmd.optsWithGlobals<{ fromRust?: string; fromToolchain?: string; toolchain?: string; json?: boolean; output?: string; progress: ProgressMode }>();
      const source = resolveRegistrySource(opts, run.io.cwd);
      const { listener, done } = progressListener(run.io, opts.progress);
      const built = await buildRegistryFromSource(source, { onProgress: listener }).finally(done);
      print(run, output(run, built, opts));
    });

  registry
    .command('update')
    .description('regenerate the bundled data/registry.json from the toolchains (and optionally a checkout) on this machine')
    .option('--toolchains <names>', 'comma-separated toolchains, the described one first', 'nightly,stable')
    .option('--from-rust <checkout>', 'also read a rust-lang/rust checkout')
    .option('--library-docs', 'without rust-src, read the library sources rendered in the described toolchain\'s docs (minutes)')
    .option('-o, --output <file>', 'write here instead of the bundled data/registry.json')
    .addOption(progressOption())
    .addHelpText(
      'after',
      `
Examples:
  gatewatch registry update
  gatewatch registry update --toolchains nightly -o registry.json`,
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ toolchains: string; fromRust?: string; libraryDocs?: boolean; output?: string; progress: ProgressMode }>();
      const toolchains = opts.toolchains.split(',').map((s) => s.trim()).filter(Boolean);
      const { listener, done } = progressListener(run.io, opts.progress);
      const built = await buildBundledRegistry({
        toolchains,
        ...(opts.fromRust !== undefined ? { checkout: resolve(run.io.cwd, opts.fromRust) } : {}),
        previous: previousBundledRegistry(),
        ...(opts.libraryDocs ? { libraryDocs: true } : {}),
        onProgress: listener,
      }).finally(done);
      const target = opts.output !== undefined ? resolve(run.io.cwd, opts.output) : fileURLToPath(BUNDLED_REGISTRY_URL);
      writeFileSync(target, renderRegistryFile(built));
      print(run, { output: `wrote ${opts.output ?? 'data/registry.json'}: ${built.features.length} names, rustc ${built.toolchain?.version ?? '?'}\n`, exitCode: EXIT.ok });
    });
};

/** The bundled registry an update starts from, or none when it is missing or unreadable. */
function previousBundledRegistry(): Registry | null {
  try {
    return loadBundledRegistry();
  } catch {
    return null;
  }
}
