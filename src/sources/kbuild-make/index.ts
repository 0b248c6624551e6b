/**
 * The make side of a kernel tree (Kbuild: https://www.kernel.org/doc/html/latest/kbuild/makefiles.html):
 * unstable `-Z` flags in Makefiles, Kbuild files, `*.mk` and the make/shell files under scripts/, with the make
 * variable they are added to, their architecture and the conditions they sit under; the `rust_allowed_features`
 * list and the names `-Zcrate-attr='feature(...)'` injects (resolved across files in `finalize`, from the
 * definitions of `rust_allowed_features` and any other `*features` variable in the files read); the comment group
 * of claims above the list; and RUSTC_BOOTSTRAP settings. Files without `-Z`, `rust_allowed_features` or
 * `RUSTC_BOOTSTRAP` in their text are not parsed at all.
 */
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import { conditionText, type Guard } from '../../model/guard.js';
import type { BootstrapSetting, Claim, CrateCfg, Occurrence } from '../../model/scan.js';
import { parseUnstableFlags } from '../../make/flags.js';
import { parseMakefile, parseShellScript, positionOf, type MakeDocument, type MakeLine } from '../../make/parse-makefile.js';
import { parseReferences, type MakeReference } from '../../make/references.js';
import type { ScanSource, SourceFacts, SourceFile } from '../types.js';
import { definitionsSeen, parseCfgArguments, referencedVariables, resolveCfgLists, type CfgListDefinition, type CfgListReference } from './cfgs.js';
import { collectCommentGroupClaims, type CommentLine } from './claims.js';
import { guardOfTest, guardsOfVariableName, inlineGuards, isBuildPathGuard, isNonUse } from './guards.js';

/** The kernel's list of features every driver crate may use. */
const ALLOWED_LIST = 'rust_allowed_features';

/** A variable definition kept for `finalize`: names of a comma-separated list, or why it is not one. */
interface ListDefinition {
  name: string;
  file: string;
  line: number;
  names: string[];
  /** Items that are not feature names, as written. */
  invalid: string[];
}

/** A `-Zcrate-attr='feature($(var))'` waiting for `var` to be resolved. */
interface ListReference {
  variable: string;
  written: string;
  occurrence: Omit<Occurrence, 'name'>;
}

/** What `collect` hands to `finalize`. */
interface Pending {
  definitions: ListDefinition[];
  references: ListReference[];
  cfgDefinitions: CfgListDefinition[];
  cfgReferences: CfgListReference[];
}

const FEATURE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether a path is a file this source reads: by name here, shell or make by its `#!` line in `collect`. */
export function wantsMakePath(path: string): boolean {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  if (base.startsWith('Makefile') || base.startsWith('Kbuild') || base.endsWith('.mk') || base === 'GNUmakefile' || base === 'makefile') return true;
  // Any scripts/ directory: the kernel's own, and e.g. ci/scripts/ of a Cargo tree, which the CI source leaves to us.
  if (!(path.startsWith('scripts/') || path.includes('/scripts/'))) return false;
  return base.endsWith('.sh') || !base.includes('.');
}

/** `make`, `shell`, or null for a file under scripts/ that is neither (Perl, Python, awk...). */
function languageOf(file: SourceFile): 'make' | 'shell' | null {
  const base = file.path.slice(file.path.lastIndexOf('/') + 1);
  if (base.startsWith('Makefile') || base.startsWith('Kbuild') || base.endsWith('.mk') || base === 'GNUmakefile' || base === 'makefile') return 'make';
  const firstLine = file.text.slice(0, file.text.indexOf('\n') >>> 0);
  if (/^#!\s*\S*\bmake\b/.test(firstLine)) return 'make';
  if (/^#!\s*\S*\/(?:env\s+)?(?:ba|da|k)?sh\b/.test(firstLine)) return 'shell';
  if (base.endsWith('.sh')) return 'shell';
  return null;
}

/** Architecture from the path (`arch/arm64/Makefile` -> `arm64`). */
function archOfPath(path: string): string | null {
  const m = /^arch\/([^/]+)\//.exec(path);
  return m ? m[1]! : null;
}

/** Crate a target builds: `$(obj)/kernel.o` -> `kernel`, `$(obj)/libmacros.so` -> `macros`, `rusttest-kernel` -> `kernel`. */
export function crateOfTarget(targets: string): string | null {
  const first = targets.trim().split(/\s+/)[0] ?? '';
  const base = first.slice(first.lastIndexOf('/') + 1);
  if (base === '' || /[$%]/.test(base)) return null;
  // Only targets that name a crate: an object or library file, or rust/Makefile's rustdoc-x / rusttest-x.
  const ext = /\.(o|so|rlib|rmeta)$/.exec(base);
  const prefix = /^(?:rustdoc|rusttestlib|rusttest)-/.exec(base);
  if (!ext && !prefix) return null;
  let name = ext ? base.slice(0, -ext[0].length) : base;
  if (ext && ext[1] !== 'o' && name.startsWith('lib')) name = name.slice(3);
  if (prefix) name = name.slice(prefix[0].length);
  return FEATURE_NAME.test(name) ? name : null;
}

/**
 * The crate a flag at `offset` reaches: `*` on the common driver command, `--crate-name x`, or the rule's target.
 * Made once per line, then asked per flag (a line may hold thousands).
 */
function crateFinder(line: MakeLine): (offset: number) => string | null {
  if (line.assignment?.name === 'rust_common_cmd') return () => '*';
  const common = /\$[({]rust_common_cmd[)}]/.exec(line.text);
  const named = /--crate-name[=\s]\s*([A-Za-z_][A-Za-z0-9_]*)(?=\s|$)/.exec(line.text.slice(0, line.codeEnd));
  const targets = line.assignment?.targets ?? (line.kind === 'recipe' ? line.targets : undefined);
  const rest = named ? named[1]! : targets ? crateOfTarget(targets) : null;
  // The common command counts for a flag after its reference has closed.
  return (offset) => (common && common.index + common[0].length <= offset ? '*' : rest);
}

const TOOL = /\$[({](RUSTDOC|CARGO|RUSTC|RUSTC_OR_CLIPPY|CLIPPY_DRIVER|HOSTRUSTC|rust_common_cmd)[)}]|(?<![\w./$-])(rustdoc|cargo|rustc|clippy-driver)(?![\w./-])/g;

/**
 * The tool a flag at an offset is given to: the last rustc/rustdoc/cargo named before it on the line; null when none
 * is named. The line's tools are found once; the flags come in order of offset and are answered by one pass.
 */
function toolFinder(text: string): (offset: number) => 'rustc' | 'rustdoc' | 'cargo' | null {
  const tools: { end: number; tool: 'rustc' | 'rustdoc' | 'cargo' }[] = [];
  for (const m of text.matchAll(TOOL)) {
    const t = (m[1] ?? m[2]!).toLowerCase();
    tools.push({ end: m.index + m[0].length, tool: t === 'rustdoc' ? 'rustdoc' : t === 'cargo' ? 'cargo' : 'rustc' });
  }
  let next = 0;
  let tool: 'rustc' | 'rustdoc' | 'cargo' | null = null;
  let last = -1;
  return (offset) => {
    if (offset < last) {
      next = 0;
      tool = null;
    }
    last = offset;
    while (next < tools.length && tools[next]!.end <= offset) tool = tools[next++]!.tool;
    return tool;
  };
}

/** Names of a comma-separated list with the offset of each, relative to `value`. */
function splitList(value: string): { name: string; at: number }[] {
  const out: { name: string; at: number }[] = [];
  let at = 0;
  for (const part of value.split(',')) {
    const lead = /^\s*/.exec(part)![0].length;
    const name = part.trim();
    if (name !== '') out.push({ name, at: at + lead });
    at += part.length + 1;
  }
  return out;
}

/** Physical comment lines of a document, by line number, with the text after `#`. */
function commentLines(doc: MakeDocument): Map<number, CommentLine> {
  const out = new Map<number, CommentLine>();
  for (const l of doc.lines) {
    if (l.kind !== 'comment' || l.defineName !== undefined) continue;
    l.segments.forEach((s, i) => {
      const raw = l.text.slice(s.offset, l.segments[i + 1]?.offset ?? l.text.length);
      const hash = raw.indexOf('#');
      out.set(s.line, { line: s.line, text: hash >= 0 ? raw.slice(hash + 1) : raw });
    });
  }
  return out;
}

/** The comment lines directly above `line`, top first. */
function commentGroupAbove(comments: Map<number, CommentLine>, line: number): CommentLine[] {
  const group: CommentLine[] = [];
  for (let n = line - 1; comments.has(n); n--) group.unshift(comments.get(n)!);
  return group;
}

const BOOTSTRAP_INLINE = /(?:^|[\s;|&(])RUSTC_BOOTSTRAP=("[^"]*"|'[^']*'|[^\s;|&)]*)/g;

/** Collect every fact of one make or shell file. Exported for tests. */
export function collectMakeFile(file: SourceFile): SourceFacts {
  const language = languageOf(file);
  if (language === null) return {};
  // Comment lines only for the comment group above the allowed list.
  const path = file.path;
  const doc = language === 'make' ? parseMakefile(file.text, { keep: mayMatterLine, comments: file.text.includes(ALLOWED_LIST), file: path }) : parseShellScript(file.text);
  const pathArch = archOfPath(path);
  const occurrences: Occurrence[] = [];
  const claims: Claim[] = [];
  const bootstrap: BootstrapSetting[] = [];
  const diagnostics: Diagnostic[] = [...doc.diagnostics];
  const pending: Pending = { definitions: [], references: [], cfgDefinitions: [], cfgReferences: [] };
  const crateCfgs: CrateCfg[] = [];
  let comments: Map<number, CommentLine> | null = null;

  for (const line of doc.lines) {
    if (line.kind === 'comment' || line.kind === 'directive') continue;
    const text = line.text;
    const hasFlag = text.includes('-Z');
    const assignment = line.assignment;
    const isAllowedList = assignment?.name === ALLOWED_LIST;
    const hasBootstrap = text.includes('RUSTC_BOOTSTRAP');
    const hasCfg = text.includes('--cfg');
    // A rule's own flags (`$(obj)/alloc.o: private rustc_target_flags = $(alloc-cfgs)`) may name a list of cfgs.
    const givesCfgs = hasCfg || (assignment?.targets !== undefined && text.includes('$'));
    if (!hasFlag && !isAllowedList && !hasBootstrap && !givesCfgs && !(assignment && /features$/.test(assignment.name))) continue;

    const refs: MakeReference[] = language === 'make' && text.includes('$') ? parseReferences(text, line.codeEnd) : [];
    const lineGuards: Guard[] = [
      ...line.conditions.map(guardOfTest).filter((g) => !isBuildPathGuard(g, path)),
      ...(assignment ? guardsOfVariableName(assignment.name) : []),
    ];
    const archOf = (guards: Guard[]) => pathArch ?? guards.find((g): g is Extract<Guard, { type: 'arch' }> => g.type === 'arch' && !g.negated)?.arch ?? null;
    const variable = assignment?.name ?? line.defineName;

    if (assignment && !assignment.targets && (isAllowedList || /features$/.test(assignment.name))) {
      const items = splitList(assignment.value);
      const def: ListDefinition = { name: assignment.name, file: path, line: line.line, names: [], invalid: [] };
      let firstInvalid: { line: number; column: number } | null = null;
      for (const item of items) {
        if (!FEATURE_NAME.test(item.name)) {
          def.invalid.push(item.name);
          firstInvalid ??= positionOf(line, assignment.valueOffset + item.at);
          continue;
        }
        def.names.push(item.name);
        if (!isAllowedList) continue;
        const pos = positionOf(line, assignment.valueOffset + item.at);
        occurrences.push({
          kind: 'feature', name: item.name, value: null, file: path, line: pos.line, column: pos.column, crate: '*',
          arch: archOf(lineGuards), condition: conditionText(lineGuards), via: 'allowed-list', guards: [...lineGuards], variable: assignment.name,
        });
      }
      if (isAllowedList && firstInvalid) {
        diagnostics.push(
          diagnostic('make/invalid-feature-list', 'warning', `could not parse ${ALLOWED_LIST} in ${path}:${firstInvalid.line} - expected a comma-separated list of feature names, received \`${def.invalid.join(',')}\``, { file: path, ...firstInvalid }),
        );
      }
      pending.definitions.push(def);
      if (isAllowedList) {
        comments ??= commentLines(doc);
        claims.push(...collectCommentGroupClaims(commentGroupAbove(comments, line.line), path, def.names));
      }
    }

    if (hasFlag) {
      const toolAt = toolFinder(text);
      const crateAt = crateFinder(line);
      for (const flag of parseUnstableFlags(text, line.codeEnd, refs)) {
        if (assignment && flag.offset < assignment.valueOffset) continue;
        if (isNonUse(text, refs, flag.offset)) continue;
        const tool = toolAt(flag.offset);
        // `-Z name` is also what other tools take (`wrapper -Z gzip`): only a named Rust tool makes it a flag.
        if (flag.spaced && tool === null) continue;
        const guards = [...lineGuards, ...inlineGuards(text, refs, flag.offset)];
        const pos = positionOf(line, flag.offset);
        const base = {
          file: path, crate: crateAt(flag.offset), arch: archOf(guards), condition: conditionText(guards), guards,
          tool: tool ?? 'rustc', ...(variable !== undefined ? { variable } : {}),
        };
        occurrences.push({ kind: 'flag', name: flag.name, value: flag.value, line: pos.line, column: pos.column, via: 'makefile', ...base });
        if (flag.name === '-Zcrate-attr' && flag.value !== null && flag.valueOffset !== null) {
          collectCrateAttr(flag.value, flag.valueOffset, line, base, occurrences, pending, diagnostics);
        }
      }
    }

    if (givesCfgs) collectCfgs(line, path, lineGuards, refs, pending, crateCfgs);

    if (hasBootstrap) {
      const condition = conditionText(lineGuards);
      if (assignment?.name === 'RUSTC_BOOTSTRAP') {
        bootstrap.push({ file: path, line: line.line, value: assignment.value, condition });
      } else {
        for (const m of text.slice(0, line.codeEnd).matchAll(BOOTSTRAP_INLINE)) {
          const at = m.index + m[0].indexOf('RUSTC_BOOTSTRAP');
          bootstrap.push({ file: path, line: positionOf(line, at).line, value: m[1]!.replace(/^(["'])(.*)\1$/, '$2'), condition });
        }
      }
    }
  }

  const facts: SourceFacts = {};
  if (occurrences.length > 0) facts.occurrences = occurrences;
  if (claims.length > 0) facts.claims = claims;
  if (bootstrap.length > 0) facts.bootstrap = bootstrap;
  if (crateCfgs.length > 0) facts.crateCfgs = crateCfgs;
  if (diagnostics.length > 0) facts.diagnostics = diagnostics;
  if (Object.values(pending).some((list: unknown[]) => list.length > 0)) facts.pending = pending;
  return facts;
}

/**
 * The `--cfg`s of one line: a variable's definition holding some (kept for `finalize`), or a rule giving them to
 * its crate, written out or through `$(variable)`.
 */
function collectCfgs(line: MakeLine, path: string, lineGuards: Guard[], refs: MakeReference[], pending: Pending, crateCfgs: CrateCfg[]): void {
  const { text, assignment } = line;
  const from = assignment ? assignment.valueOffset : 0;
  // Each cfg (and each variable named) under the line's conditionals and any `$(if ...)` around it.
  const guardsAt = (offset: number) => [...lineGuards, ...inlineGuards(text, refs, offset)];
  const found = parseCfgArguments(text, from, line.codeEnd).filter((c) => !isNonUse(text, refs, c.at));
  if (assignment && assignment.targets === undefined) {
    if (found.length > 0) {
      pending.cfgDefinitions.push({ name: assignment.name, file: path, cfgs: found.map((c) => ({ name: c.name, value: c.value, line: positionOf(line, c.at).line, guards: guardsAt(c.at) })) });
    }
    return;
  }
  const target = assignment?.targets ?? (line.kind === 'recipe' ? line.targets : undefined);
  if (target === undefined) return;
  const crate = crateFinder(line)(from);
  if (crate === null) return;
  for (const c of found) {
    const guards = guardsAt(c.at);
    crateCfgs.push({ crate, target, name: c.name, value: c.value, file: path, line: positionOf(line, c.at).line, condition: conditionText(guards), guards });
  }
  if (assignment) {
    for (const { variable, at } of referencedVariables(refs, from)) pending.cfgReferences.push({ variable, crate, target, file: path, guards: guardsAt(at) });
  }
}

/** Feature names in a `-Zcrate-attr` value: literal ones now, `$(var)` ones later in `finalize`. */
function collectCrateAttr(
  value: string,
  valueOffset: number,
  line: MakeLine,
  base: Omit<Occurrence, 'kind' | 'name' | 'value' | 'line' | 'column' | 'via'>,
  occurrences: Occurrence[],
  pending: Pending,
  diagnostics: Diagnostic[],
): void {
  const m = /^feature\((.*)\)$/s.exec(value.trim());
  if (!m) return; // e.g. `-Zcrate-attr=no_std`: an attribute, not a feature gate.
  const innerOffset = valueOffset + value.indexOf('(') + 1;
  const ref = /^\s*\$[({]([A-Za-z0-9_]+)[)}]\s*$/.exec(m[1]!);
  if (ref) {
    const pos = positionOf(line, innerOffset + m[1]!.indexOf('$'));
    pending.references.push({ variable: ref[1]!, written: m[1]!.trim(), occurrence: { kind: 'feature', value: null, line: pos.line, column: pos.column, via: 'crate-attr-flag', ...base } });
    return;
  }
  for (const item of splitList(m[1]!)) {
    const pos = positionOf(line, innerOffset + item.at);
    if (!FEATURE_NAME.test(item.name)) {
      diagnostics.push(
        diagnostic('make/unresolved-crate-attr', 'warning', `could not read a feature name in -Zcrate-attr at ${base.file}:${pos.line} - expected a comma-separated list of names, received \`${item.name}\``, { file: base.file, line: pos.line, column: pos.column }),
      );
      continue;
    }
    occurrences.push({ kind: 'feature', name: item.name, value: null, line: pos.line, column: pos.column, via: 'crate-attr-flag', ...base });
  }
}

/** Resolve `-Zcrate-attr='feature($(var))'` against the definitions of `var` in any file (same file first). */
function resolveCrateAttrLists(perFile: readonly SourceFacts[]): SourceFacts {
  const definitions: ListDefinition[] = [];
  const references: ListReference[] = [];
  const cfgDefinitions: CfgListDefinition[] = [];
  const cfgReferences: CfgListReference[] = [];
  for (const f of perFile) {
    const p = f.pending as Pending | undefined;
    if (!p) continue;
    definitions.push(...p.definitions);
    references.push(...p.references);
    cfgDefinitions.push(...p.cfgDefinitions);
    cfgReferences.push(...p.cfgReferences);
  }
  const occurrences: Occurrence[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const r of references) {
    const used = definitionsSeen(definitions, r.variable, r.occurrence.file);
    const place = { file: r.occurrence.file, line: r.occurrence.line, column: r.occurrence.column };
    if (used.length === 0) {
      diagnostics.push(diagnostic('make/unresolved-crate-attr', 'warning', `could not resolve \`${r.written}\` in -Zcrate-attr at ${r.occurrence.file}:${r.occurrence.line} - expected a comma-separated list, received no definition of ${r.variable}`, place));
      continue;
    }
    const seen = new Set<string>();
    for (const d of used) {
      if (d.invalid.length > 0) {
        diagnostics.push(
          diagnostic('make/unresolved-crate-attr', 'warning', `could not resolve \`${r.written}\` in -Zcrate-attr at ${r.occurrence.file}:${r.occurrence.line} - expected a comma-separated list, received \`${d.invalid.join(',')}\` (${d.file}:${d.line})`, place),
        );
      }
      for (const name of d.names) {
        if (seen.has(name)) continue;
        seen.add(name);
        occurrences.push({ ...r.occurrence, guards: [...r.occurrence.guards], name });
      }
    }
  }
  return { occurrences, diagnostics, crateCfgs: resolveCfgLists(cfgDefinitions, cfgReferences) };
}

/** A make or shell file without any of these holds no flag, allowed list, bootstrap setting or cfg: it is not parsed. */
const MARKERS = ['-Z', ALLOWED_LIST, 'RUSTC_BOOTSTRAP', '--cfg'] as const;

function mayMatter(text: string): boolean {
  return MARKERS.some((m) => text.includes(m));
}

/** The variable rust/Makefile sets, rule by rule, for one crate's own flags (`$(alloc-cfgs)` among them). */
const TARGET_FLAGS = 'rustc_target_flags';

/**
 * The make lines `collectMakeFile` looks at beyond comments and directives: a flag, the allowed list or any other
 * `*features` list, a bootstrap setting, a `--cfg` or a crate's own flags. The reader takes no other line apart
 * (src/make/parse-makefile.ts).
 */
export function mayMatterLine(text: string): boolean {
  return text.includes('-Z') || text.includes('features') || text.includes('RUSTC_BOOTSTRAP') || text.includes('--cfg') || text.includes(TARGET_FLAGS);
}

/** The scan source for Makefiles, Kbuild files, `*.mk` and make/shell files under scripts/. */
export const kbuildMake: ScanSource = {
  name: 'kbuild-make',
  interest: { namePrefixes: ['Makefile', 'Kbuild'], names: ['GNUmakefile', 'makefile'], extensions: ['mk'], dirNames: ['scripts'] },
  markers: MARKERS,
  wants: (path) => wantsMakePath(path),
  collect(file): SourceFacts {
    if (!mayMatter(file.text)) return {};
    try {
      return collectMakeFile(file);
    } catch (e) {
      // Only pathological input gets here (e.g. references nested thousands deep): report it, keep scanning.
      return { diagnostics: [diagnostic('make/unreadable', 'error', `could not read this make file: ${(e as Error).message}; expected make or shell text`, { file: file.path })] };
    }
  },
  finalize: (perFile) => resolveCrateAttrLists(perFile),
};
