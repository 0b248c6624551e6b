import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { GatewatchError } from '../../core/errors.js';
import { buildRegistry } from '../../registry/build-registry.js';
import { collectRegistryFacts } from '../../registry/collect.js';
import { collectFlagHistory } from '../../registry/flag-history.js';
import { BUNDLED_REGISTRY_URL, loadBundledRegistry, loadRegistry, toolchainInfo } from '../../registry/load.js';
import { registryReporters, renderRegistryFile } from '../../registry/reporters.js';
import { collectRustCheckout } from '../../registry/sources/rust-checkout/index.js';
import { resolveToolchain } from '../../registry/toolchain.js';
import { buildBundledRegistry } from '../../registry/update.js';
import type { Registry } from '../../model/registry.js';
import type { RegisterCommand } from '../command.js';
import { useColour } from '../io.js';
import { progressListener, type ProgressMode } from '../progress-bar.js';

const progressOption = () => new Option('--progress <mode>', 'progress on stderr').choices(['auto', 'json', 'none']).default('auto');

/** `gatewatch registry`: the feature/flag registry, its builds from a checkout or a toolchain, and its update. */
export const registerRegistry: RegisterCommand = (program, run) => {
  const print = (reg: Registry, json: boolean | undefined, output?: string) => {
    if (output) {
      writeFileSync(resolve(run.io.cwd, output), renderRegistryFile(reg));
      run.io.stdout(`wrote ${output}: ${reg.features.length} names\n`);
      return;
    }
    const r = (json ? registryReporters.json : registryReporters.text)(reg, { colour: useColour(run.io) });
    run.io.stdout(r.output);
    run.exitCode = r.exitCode;
  };

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
      const { listener, done } = progressListener(run.io, opts.progress);
      const reg = await loadRegistry({ ...(opts.toolchain !== undefined ? { toolchain: opts.toolchain } : {}), onProgress: listener }).finally(done);
      print(reg, opts.json);
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
      if ((opts.fromRust === undefined) === (opts.fromToolchain === undefined)) {
        throw new GatewatchError('E_USAGE', 'registry build needs exactly one of --from-rust <checkout> or --from-toolchain <name>');
      }
      const { listener, done } = progressListener(run.io, opts.progress);
      try {
        const toolchainName = opts.fromToolchain ?? opts.toolchain;
        const toolchain = toolchainName !== undefined ? await resolveToolchain(toolchainName) : undefined;
        const seed = [collectFlagHistory()];
        if (opts.fromRust !== undefined) seed.push(await collectRustCheckout(resolve(run.io.cwd, opts.fromRust), (d, t) => listener({ phase: 'parse', done: d, total: t })));
        // From a checkout, a toolchain only verifies: its docs are not read.
        const facts = await collectRegistryFacts(
          opts.fromRust !== undefined ? { ...(toolchain ? { toolchain } : {}), onProgress: listener } : { toolchain: toolchain!, releaseNotes: true, librarySources: true, onProgress: listener },
          seed,
        );
        const used = opts.fromRust !== undefined ? facts.filter((f) => f.source !== 'unstable-book' && f.source !== 'release-notes') : facts;
        print(buildRegistry(used, { toolchain: toolchain ? toolchainInfo(toolchain) : null, generatedAt: new Date().toISOString() }), opts.json, opts.output);
      } finally {
        done();
      }
    });

  registry
    .command('update')
    .description('regenerate the bundled data/registry.json from the toolchains (and optionally a checkout) on this machine')
    .option('--toolchains <names>', 'comma-separated toolchains, the described one first', 'nightly,stable')
    .option('--from-rust <checkout>', 'also read a rust-lang/rust checkout')
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
      const opts = cmd.optsWithGlobals<{ toolchains: string; fromRust?: string; output?: string; progress: ProgressMode }>();
      const { listener, done } = progressListener(run.io, opts.progress);
      let previous: Registry | null = null;
      try {
        previous = loadBundledRegistry();
      } catch {
        previous = null;
      }
      const reg = await buildBundledRegistry({
        toolchains: opts.toolchains.split(',').map((s) => s.trim()).filter(Boolean),
        ...(opts.fromRust !== undefined ? { checkout: resolve(run.io.cwd, opts.fromRust) } : {}),
        previous,
        onProgress: listener,
      }).finally(done);
      const target = opts.output !== undefined ? resolve(run.io.cwd, opts.output) : fileURLToPath(BUNDLED_REGISTRY_URL);
      writeFileSync(target, renderRegistryFile(reg));
      run.io.stdout(`wrote ${opts.output ?? 'data/registry.json'}: ${reg.features.length} names, rustc ${reg.toolchain?.version ?? '?'}\n`);
    });
};
