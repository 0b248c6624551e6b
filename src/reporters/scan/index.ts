import type { ScanSnapshot } from '../../model/scan.js';
import pc from 'picocolors';
import { normaliseFlagName } from '../../analyses/registry-index.js';
import { renderDiagnosticSection } from '../diagnostics.js';
import { plural, renderTable } from '../table.js';
import { terminalSafe } from '../terminal-safe.js';
import type { Reporter } from '../types.js';

/** `--json`: the scan document itself. */
const renderScanJson: Reporter<ScanSnapshot> = (scan) => ({ output: JSON.stringify(scan, null, 2) + '\n', exitCode: 0 });

/** Readable grouped tables: features, then flags, then claims and diagnostics. */
const renderScanText: Reporter<ScanSnapshot> = (scan, { colour, width }) => {
  const c = pc.createColors(colour);
  const out: string[] = [];
  const features = scan.occurrences.filter((o) => o.kind === 'feature');
  const flags = scan.occurrences.filter((o) => o.kind === 'flag');
  const files = new Set(scan.occurrences.map((o) => o.file));
  const head = [
    c.bold(scan.tree),
    scan.kernelVersion ? `kernel ${scan.kernelVersion}` : scan.treeKind === 'cargo' ? 'Cargo workspace' : 'Rust tree',
    scan.rustMinVersion ? `minimum rustc ${scan.rustMinVersion}` : 'no minimum rustc found',
  ];
  if (scan.toolchainChannel) head.push(`toolchain ${scan.toolchainChannel}`);
  out.push(head.join(' — '));
  const distinct = (xs: { name: string }[]) => new Set(xs.map((x) => x.name)).size;
  out.push(
    `${plural(features.length, 'feature use')} (${distinct(features)} distinct), ${plural(flags.length, 'flag use')} (${distinct(flags)} distinct) in ${plural(files.size, 'file')}; ` +
      `${plural(scan.stats.filesRead, 'file')} read${scan.stats.filesFromCache ? ` (${scan.stats.filesFromCache} unchanged, from the scan cache)` : ''} of ${scan.stats.filesConsidered} in ${scan.stats.elapsedMs} ms`,
  );
  for (const b of scan.bootstrap) out.push(`RUSTC_BOOTSTRAP=${b.value} at ${b.file}:${b.line}${b.condition ? ` (if ${b.condition})` : ''}`);
  // One line per crate and target: `--cfg no_fmt no_global_oom_handling ... for alloc ($(obj)/alloc.o) at rust/Makefile:47`.
  const cfgLines = new Map<string, { names: string[]; at: string }>();
  for (const k of scan.crateCfgs ?? []) {
    const key = `${k.crate} (${k.target})${k.condition ? ` if ${k.condition}` : ''}`;
    const line = cfgLines.get(key) ?? { names: [], at: `${k.file}:${k.line}` };
    line.names.push(k.value === null ? k.name : `${k.name}="${k.value}"`);
    cfgLines.set(key, line);
  }
  for (const [key, { names, at }] of cfgLines) out.push(`--cfg ${names.join(' ')} for ${key} at ${at}`);
  out.push('');
  if (features.length > 0) {
    out.push(c.bold(`Features (${features.length})`));
    out.push(
      renderTable(
        ['feature', 'crate', 'via', 'condition', 'where'],
        features.map((o) => [c.cyan(o.name), o.crate ?? '-', o.via, o.condition ?? '', `${o.file}:${o.line}`]),
        '  ',
        { width, shorten: [3, 2], drop: [2, 3] },
      ),
    );
    const legend = crateLegend(features.map((o) => o.crate));
    if (legend) out.push(legend);
  }
  if (flags.length > 0) {
    out.push(c.bold(`Flags (${flags.length})`));
    out.push(
      renderTable(
        ['flag', 'value', 'arch', 'variable', 'condition', 'where'],
        // One spelling per flag on screen (`-Zbinary_dep_depinfo` as `-Zbinary-dep-depinfo`); --json keeps the written one.
        flags.map((o) => [c.cyan(normaliseFlagName(o.name)), o.value ?? '', o.arch ?? '', o.variable ?? '', o.condition ?? '', `${o.file}:${o.line}`]),
        '  ',
        { width, shorten: [4, 3, 1], drop: [3, 4, 2, 1] },
      ),
    );
  }
  if (scan.claims.length > 0) {
    out.push(c.bold(`Claims the tree makes (${scan.claims.length})`));
    out.push(
      renderTable(
        ['claim', 'version', 'gates', 'where'],
        scan.claims.map((k) => [k.symbol ? `${k.claim} (${k.symbol})` : k.claim, k.version ?? '', k.gates.join(', '), `${k.file}:${k.line}`]),
        '  ',
        { width, shorten: [2, 0], drop: [1] },
      ),
    );
  }
  out.push(...renderDiagnosticSection(scan.diagnostics, colour));
  return { output: out.join('\n'), exitCode: 0 };
};

/** What the crate column's markers mean, printed under the table when it holds one. */
export const CRATE_LEGEND = { '*': 'every crate the common rustc flags build', '-': 'crate not known' } as const;

function crateLegend(crates: (string | null)[]): string | null {
  const used = (Object.keys(CRATE_LEGEND) as (keyof typeof CRATE_LEGEND)[]).filter((m) => crates.some((k) => (k ?? '-') === m));
  return used.length === 0 ? null : `  crate: ${used.map((m) => `${m} ${CRATE_LEGEND[m]}`).join('; ')}\n`;
}

/** Scan reporters by name. */
export const scanReporters = { text: terminalSafe(renderScanText), json: renderScanJson } satisfies Record<string, Reporter<ScanSnapshot>>;
