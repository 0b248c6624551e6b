import type { ScanSnapshot } from '../../model/scan.js';
import pc from 'picocolors';
import { renderDiagnosticSection } from '../diagnostics.js';
import { renderTable } from '../table.js';
import { terminalSafe } from '../terminal-safe.js';
import type { Reporter } from '../types.js';

/** `--json`: the scan document itself. */
const renderScanJson: Reporter<ScanSnapshot> = (scan) => ({ output: JSON.stringify(scan, null, 2) + '\n', exitCode: 0 });

/** Readable grouped tables: features, then flags, then claims and diagnostics. */
const renderScanText: Reporter<ScanSnapshot> = (scan, { colour }) => {
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
    `${features.length} feature uses (${distinct(features)} distinct), ${flags.length} flag uses (${distinct(flags)} distinct) in ${files.size} files; ` +
      `${scan.stats.filesRead} files read${scan.stats.filesFromCache ? ` (${scan.stats.filesFromCache} unchanged, from the scan cache)` : ''} of ${scan.stats.filesConsidered} in ${scan.stats.elapsedMs} ms`,
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
      ),
    );
  }
  if (flags.length > 0) {
    out.push(c.bold(`Flags (${flags.length})`));
    out.push(
      renderTable(
        ['flag', 'value', 'arch', 'variable', 'condition', 'where'],
        flags.map((o) => [c.cyan(o.name), o.value ?? '', o.arch ?? '', o.variable ?? '', o.condition ?? '', `${o.file}:${o.line}`]),
      ),
    );
  }
  if (scan.claims.length > 0) {
    out.push(c.bold(`Claims the tree makes (${scan.claims.length})`));
    out.push(
      renderTable(
        ['claim', 'version', 'gates', 'where'],
        scan.claims.map((k) => [k.symbol ? `${k.claim} (${k.symbol})` : k.claim, k.version ?? '', k.gates.join(', '), `${k.file}:${k.line}`]),
      ),
    );
  }
  out.push(...renderDiagnosticSection(scan.diagnostics, colour));
  return { output: out.join('\n'), exitCode: 0 };
};

/** Scan reporters by name. */
export const scanReporters = { text: terminalSafe(renderScanText), json: renderScanJson } satisfies Record<string, Reporter<ScanSnapshot>>;
