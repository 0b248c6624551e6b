import { describe, expect, it } from 'vitest';
import { conditionText } from '../../src/model/guard.js';
import type { CrateCfg } from '../../src/model/scan.js';
import { parseCfgArguments } from '../../src/sources/kbuild-make/cfgs.js';
import { crateOfTarget, kbuildMake, wantsMakePath } from '../../src/sources/kbuild-make/index.js';
import { fixture } from '../helpers/paths.js';
import { brief, collectTree } from './collect-tree.js';

const tree = (name: string) => collectTree(fixture('make', name)).facts;

describe('kbuild-make source on fixture trees', () => {
  it('allowed-list-split-over-lines: each name keeps its own line and column; $(rust_allowed_features) is resolved at the flag', () => {
    const f = tree('allowed-list-split-over-lines');
    expect(f.occurrences.filter((o) => o.via === 'allowed-list').map((o) => `${brief(o)} ${o.crate}`)).toEqual([
      'scripts/Makefile.build:4:26 asm_const *',
      'scripts/Makefile.build:4:36 asm_goto *',
      'scripts/Makefile.build:5:2 arbitrary_self_types *',
      'scripts/Makefile.build:5:23 lint_reasons *',
      'scripts/Makefile.build:6:3 raw_ref_op *',
    ]);
    const injected = f.occurrences.filter((o) => o.via === 'crate-attr-flag');
    expect(injected.map((o) => o.name).sort()).toEqual(['arbitrary_self_types', 'asm_const', 'asm_goto', 'lint_reasons', 'raw_ref_op']);
    expect(new Set(injected.map((o) => `${o.line} ${o.crate} ${o.variable}`))).toEqual(new Set(['11 * rust_common_cmd']));
    expect(f.occurrences.find((o) => o.name === '-Zallow-features')!.value).toBe('$(rust_allowed_features)');
    expect(f.diagnostics).toEqual([]);
  });

  it('nested-ifdef-else: every conditional form becomes a guard; else negates the branch it closes', () => {
    const f = tree('nested-ifdef-else');
    expect(f.occurrences.map(brief)).toEqual([
      'Makefile:4:21 -Zouter-not-inner if CONFIG_OUTER && !CONFIG_INNER',
      'Makefile:6:21 -Zouter-and-inner if CONFIG_OUTER && CONFIG_INNER',
      'Makefile:9:23 -Zmode-y if CONFIG_OUTER && CONFIG_MODE=y',
      'Makefile:11:23 -Zother-set if CONFIG_OUTER && CONFIG_MODE!=y && CONFIG_OTHER',
      'Makefile:13:23 -Zneither if CONFIG_OUTER && CONFIG_MODE!=y && !CONFIG_OTHER',
      'Makefile:17:21 -Zquoted-form if CONFIG_QUOTED=y',
      'Makefile:20:21 -Zmake-condition if $(KBUILD_CLIPPY) == 1',
      'Makefile:22:21 -Zunconditional',
    ]);
    const other = f.occurrences.find((o) => o.name === '-Zother-set')!;
    expect(other.guards).toEqual([
      { type: 'config', symbol: 'CONFIG_OUTER', negated: false, text: 'CONFIG_OUTER' },
      { type: 'config', symbol: 'CONFIG_MODE', negated: true, value: 'y', text: 'CONFIG_MODE!=y' },
      { type: 'config', symbol: 'CONFIG_OTHER', negated: false, text: 'CONFIG_OTHER' },
    ]);
    for (const o of f.occurrences) expect(o.condition).toBe(conditionText(o.guards));
    expect(f.occurrences.every((o) => o.kind === 'flag' && o.via === 'makefile' && o.variable === 'KBUILD_RUSTFLAGS' && o.tool === 'rustc')).toBe(true);
  });

  it('inline-rustc-min-version: $(if $(call rustc-min-version,N),then,else) becomes a rustc version bound; rustc-option a probe', () => {
    const f = tree('inline-rustc-min-version');
    expect(f.occurrences.map(brief)).toEqual([
      'arch/x86/Makefile:2:21 -Zcf-protection=branch',
      'arch/x86/Makefile:2:98 -Zno-jump-tables if rustc < 1.93.0',
      'arch/x86/Makefile:3:60 -Zllvm_module_flag=uwtable:u32:2:max if rustc < 1.98.0',
      'arch/x86/Makefile:4:60 -Znew-enough if rustc >= 1.85.0',
      'arch/x86/Makefile:5:41 -Zprobed-flag if rustc-option',
      'arch/x86/Makefile:7:21 -Zfrom-ifeq if rustc >= 1.88.0',
    ]);
    expect(f.occurrences[1]!.guards).toEqual([{ type: 'rustc-version', op: '<', version: '1.93.0', text: 'rustc < 1.93.0' }]);
    expect(f.occurrences[4]!.guards).toEqual([{ type: 'make', negated: false, text: 'rustc-option' }]);
    expect(new Set(f.occurrences.map((o) => o.arch))).toEqual(new Set(['x86']));
  });

  it('crate-attr-resolves-allowed-list: a list defined in one file is injected where another file uses it; literal names on crate rules', () => {
    const f = tree('crate-attr-resolves-allowed-list');
    expect(f.occurrences.filter((o) => o.kind === 'feature').map((o) => `${brief(o)} ${o.via} crate=${o.crate} tool=${o.tool ?? '-'}`)).toEqual([
      'rust/Makefile:2:69 coerce_unsized crate-attr-flag crate=kernel tool=rustc',
      'rust/Makefile:2:85 unsize crate-attr-flag crate=kernel tool=rustc',
      'rust/Makefile:4:33 dispatch_from_dyn crate-attr-flag crate=kernel tool=rustc',
      'rust/Makefile:6:60 used_with_arg crate-attr-flag crate=doctests tool=rustdoc',
      'scripts/Makefile.build:5:24 arbitrary_self_types crate-attr-flag crate=* tool=rustc',
      'scripts/Makefile.build:5:24 used_with_arg crate-attr-flag crate=* tool=rustc',
      'scripts/Makefile.features:2:26 arbitrary_self_types allowed-list crate=* tool=-',
      'scripts/Makefile.features:2:47 used_with_arg allowed-list crate=* tool=-',
    ]);
    // -Zcrate-attr=no_std is a flag, not a feature gate.
    expect(f.occurrences.filter((o) => o.name === '-Zcrate-attr').map((o) => o.value)).toContain('no_std');
    expect(f.diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(['scripts/Makefile.build:8 make/unresolved-crate-attr']);
    expect(f.diagnostics[0]!.message).toMatch(/^could not resolve `\$\(no_such_list\)` .* expected a comma-separated list, received/);
  });

  it('allowed-list-not-a-list: names that are names still count and are injected; the rest is a diagnostic at its place', () => {
    const f = tree('allowed-list-not-a-list');
    expect(f.occurrences.filter((o) => o.kind === 'feature').map((o) => `${o.line}:${o.column} ${o.name} ${o.via}`)).toEqual([
      '2:26 asm_const allowed-list',
      '2:54 lint_reasons allowed-list',
      '4:50 asm_const crate-attr-flag',
      '4:50 lint_reasons crate-attr-flag',
    ]);
    expect(f.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`)).toEqual([
      'scripts/Makefile.build:2:36 make/invalid-feature-list: could not parse rust_allowed_features in scripts/Makefile.build:2 - expected a comma-separated list of feature names, received `$(extra_features)`',
      'scripts/Makefile.build:4:50 make/unresolved-crate-attr: could not resolve `$(rust_allowed_features)` in -Zcrate-attr at scripts/Makefile.build:4 - expected a comma-separated list, received `$(extra_features)` (scripts/Makefile.build:2)',
    ]);
  });

  it('flag-in-comment-ignored: make and shell comments, $(error/warning/info) and filter patterns never count', () => {
    const f = tree('flag-in-comment-ignored');
    expect(f.occurrences.map((o) => `${o.line} ${o.name} ${o.variable ?? '-'}`)).toEqual([
      '3 -Zreal-one KBUILD_RUSTFLAGS',
      '6 -Zafter-escaped-hash ECHO_HASH',
      '7 -Zafter-pound POUND',
      '15 -Zin-define rule_example',
      '20 -Zin-recipe -',
      '21 -Zafter-quote -',
    ]);
    expect(f.diagnostics).toEqual([]);
  });

  it('perl-regex-not-a-flag: character classes and Perl scripts give nothing; shell scripts under scripts/ are read', () => {
    const { facts, read } = collectTree(fixture('make', 'perl-regex-not-a-flag'));
    expect(read).toEqual(['Makefile', 'scripts/build-helper', 'scripts/checker', 'scripts/features.sh']);
    expect(facts.occurrences.map((o) => `${brief(o)} ${o.tool}`)).toEqual([
      'scripts/build-helper:3:25 -Zshell-flag=yes rustc',
      'scripts/features.sh:2:13 -Zbuild-std=core cargo',
      'scripts/features.sh:3:17 -Zafter-parameters rustc',
    ]);
    expect(facts.bootstrap).toEqual([{ file: 'scripts/build-helper', line: 3, value: '1', condition: null }]);
  });

  it('unterminated-conditional: each malformation is a diagnostic with file:line, and flags after it still count', () => {
    const f = tree('unterminated-conditional');
    expect(f.diagnostics.map((d) => `${d.file}:${d.line} ${d.code} ${d.severity}`)).toEqual([
      'Makefile:2 make/endif-without-if warning',
      'Makefile:3 make/else-without-if warning',
      'Makefile:5 make/unclosed-reference error',
      'Makefile:8 make/unterminated-define error',
      'Makefile:6 make/unterminated-conditional warning',
    ]);
    expect(f.diagnostics[4]!.message).toBe('unterminated conditional `ifdef CONFIG_NEVER_CLOSED`: expected `endif` before the end of the file');
    expect(f.occurrences.map(brief)).toEqual([
      'Makefile:4:21 -Zafter-stray-endif',
      'Makefile:5:22 -Zin-unclosed',
      'Makefile:7:21 -Zinside-unterminated if CONFIG_NEVER_CLOSED',
      'Makefile:9:11 -Zinside-unterminated-define if CONFIG_NEVER_CLOSED',
    ]);
  });

  it('comment-group-claims: one claim per bullet, continuation lines joined, attached to the backticked features', () => {
    const f = tree('comment-group-claims');
    expect(f.claims.map((c) => `${c.line} ${c.claim} ${c.version ?? '-'} [${c.gates.join(',')}]`)).toEqual([
      '6 stable-since 1.79.0 [slice_ptr_len]',
      '7 stable-since 1.82.0 [asm_const,raw_ref_op]',
      '9 expected-stable - [arbitrary_self_types]',
      '10 to-be-determined - [used_with_arg]',
    ]);
    expect(f.claims[1]!.text).toBe('Stable since Rust 1.82.0: `feature(asm_const)`, `feature(raw_ref_op)`.');
    expect(new Set(f.claims.map((c) => `${c.kind} ${c.file}`))).toEqual(new Set(['comment-group scripts/Makefile.build']));
    expect(f.occurrences.map((o) => o.name)).toEqual(['asm_const', 'arbitrary_self_types', 'raw_ref_op', 'slice_ptr_len', 'used_with_arg']);
  });

  it('arch-makefile: the architecture comes from arch/<arch>/ or from a positive ARCH/SRCARCH conditional; target features are not flags', () => {
    const f = tree('arch-makefile');
    expect(f.occurrences.map((o) => `${brief(o)} arch=${o.arch}`)).toEqual([
      'Makefile:3:21 -Zfrom-arch-conditional if ARCH=riscv arch=riscv',
      'Makefile:6:21 -Znot-x86 if SRCARCH!=x86 arch=null',
      'arch/arm64/Makefile:3:23 -Zbranch-protection=bti,pac-ret if CONFIG_ARM64_BTI_KERNEL=y arch=arm64',
      'arch/arm64/Makefile:5:23 -Zbranch-protection=pac-ret if CONFIG_ARM64_BTI_KERNEL!=y && CONFIG_ARM64_PTR_AUTH_KERNEL=y arch=arm64',
    ]);
  });

  it('top-makefile-build-path: the top Makefile sub-make and config-build plumbing is no condition on the build path', () => {
    const f = tree('top-makefile-build-path');
    expect(f.occurrences.map(brief)).toEqual([
      'Makefile:7:21 -Zon-config-path if defined(config-build)',
      'Makefile:10:21 -Zon-build-path if CONFIG_X',
      'drivers/Makefile:3:21 -Zelsewhere if !defined(config-build)',
    ]);
  });

  it('empty-allow-features: `-Zallow-features=` has the empty string as value, a flag without `=` has null', () => {
    const f = tree('empty-allow-features');
    expect(f.occurrences.map((o) => `${o.line} ${o.name} ${JSON.stringify(o.value)} ${o.variable}`)).toEqual([
      '3 -Zallow-features "" KBUILD_HOSTRUSTFLAGS',
      '4 -Zallow-features "asm_goto" KBUILD_RUSTFLAGS',
      '4 -Zno-value null KBUILD_RUSTFLAGS',
    ]);
  });

  it('rustflags-config-variable: a $(CONFIG_X) in the variable name is a Kconfig guard; export and target-specific forms keep their variable', () => {
    const f = tree('rustflags-config-variable');
    expect(f.occurrences.map((o) => `${brief(o)} var=${o.variable} crate=${o.crate}`)).toEqual([
      'arch/x86/Makefile:3:44 -Ztune-cpu=generic if CONFIG_GENERIC_CPU var=rustflags-$(CONFIG_GENERIC_CPU) crate=null',
      'arch/x86/Makefile:5:22 -Zpatchable-function-entry=$(CONFIG_FUNCTION_PADDING_BYTES),$(CONFIG_FUNCTION_PADDING_BYTES) var=PADDING_RUSTFLAGS crate=null',
      'arch/x86/Makefile:6:29 -Zfunction-return=thunk-extern var=RETHUNK_RUSTFLAGS crate=null',
      'arch/x86/Makefile:7:43 -Zno-vdso-thing var=RUSTFLAGS_VDSO crate=vdso',
    ]);
    expect(f.occurrences[0]!.guards).toEqual([{ type: 'config', symbol: 'CONFIG_GENERIC_CPU', negated: false, text: 'CONFIG_GENERIC_CPU' }]);
  });

  it('rustc-bootstrap-settings: assignments and inline RUSTC_BOOTSTRAP=1 on command lines, never in comments', () => {
    const f = tree('rustc-bootstrap-settings');
    expect(f.bootstrap).toEqual([
      { file: 'Makefile', line: 2, value: '1', condition: null },
      { file: 'Makefile', line: 4, value: '1', condition: 'CONFIG_ONLY_SOMETIMES' },
      { file: 'scripts/Makefile.compiler', line: 2, value: '1', condition: null },
    ]);
  });

  it('cargo-and-rustdoc-tools: the tool is the last rustc/rustdoc/cargo named before the flag in its command; `-Z name` only after one', () => {
    const f = tree('cargo-and-rustdoc-tools');
    expect(f.occurrences.map((o) => `${o.line} ${o.name} ${o.tool} crate=${o.crate}`)).toEqual([
      '5 -Zbuild-std cargo crate=null',
      '6 -Zunstable-options rustdoc crate=null',
      '7 -Zunstable-options rustc crate=null',
      '9 -Zunstable-options rustdoc crate=kernel',
      // `-Z build-std` as cargo's docs write it: a flag because cargo is named; a wrapper's `-Z gzip` is not.
      '10 -Zbuild-std cargo crate=null',
    ]);
    expect(f.occurrences.at(-1)!.value).toBe('core,alloc');
  });
});

describe('--cfg arguments a make rule passes to its crate', () => {
  const cfgLine = (c: CrateCfg) => `${c.crate} ${c.target} ${c.name}${c.value === null ? '' : `="${c.value}"`} ${c.file}:${c.line}${c.condition ? ` if ${c.condition}` : ''}`;

  it('crate-cfgs-from-variables: a variable of cfgs reaches each rule naming it, at the line of each cfg; written ones count at once', () => {
    const f = tree('crate-cfgs-from-variables');
    expect(f.crateCfgs.map(cfgLine).sort()).toEqual([
      'alloc $(obj)/alloc.o from_if rust/Makefile:12 if CONFIG_Y',
      'alloc $(obj)/alloc.o no_global_oom_handling rust/Makefile:4',
      'alloc $(obj)/alloc.o no_rc rust/Makefile:5',
      'alloc $(obj)/alloc.o with_x rust/Makefile:8 if CONFIG_X',
      'alloc rustdoc-alloc no_global_oom_handling rust/Makefile:4',
      'alloc rustdoc-alloc no_rc rust/Makefile:5',
      'kernel $(obj)/kernel.o version="1" rust/Makefile:14',
    ]);
    // Never from a comment, from `--cfgs=` (another option), from a pattern rule (no crate) or a command without a rule.
    for (const name of ['in_a_comment', 'not_a_cfg', 'no_crate_in_a_pattern', 'in_a_define_without_target']) expect(f.crateCfgs.map((c) => c.name)).not.toContain(name);
    for (const c of f.crateCfgs) expect(c.condition).toBe(conditionText(c.guards));
    expect(f.occurrences).toEqual([]);
    expect(f.diagnostics).toEqual([]);
  });

  it('reads every way rustc takes a cfg on a command line', () => {
    const args = (text: string) => parseCfgArguments(text, 0, text.length).map((c) => `${c.name}${c.value === null ? '' : `=${c.value}`}@${c.at}`);
    expect(args('--cfg a --cfg=b --cfg \'c="v"\' --cfg d=\\"w\\" x--cfg e --cfgs=f -Zcfg g')).toEqual(['a@6', 'b@14', 'c=v@23', 'd=w@36']);
    expect(args('rustc --cfg\tMODULE')).toEqual(['MODULE@12']);
  });
});

describe('kbuild-make source details', () => {
  it('wants Makefiles, Kbuild files, *.mk, and shell or extensionless files under a scripts/ directory only', () => {
    const wanted = ['Makefile', 'arch/x86/Makefile_32.cpu', 'Kbuild', 'scripts/Kbuild.include', 'tools/x/rules.mk', 'scripts/Makefile.build', 'scripts/config', 'scripts/min-tool-version.sh', 'ci/scripts/setup.sh'];
    const unwanted = ['scripts/checkpatch.pl', 'scripts/generate_rust_analyzer.py', 'drivers/x/run.sh', 'rust/kernel/lib.rs', 'scripts/Kconfig.include.txt'];
    const ctx = { treeKind: 'kernel' as const, hasFile: () => true };
    expect(wanted.filter((p) => kbuildMake.wants(p, ctx))).toEqual(wanted);
    expect(unwanted.filter((p) => wantsMakePath(p))).toEqual([]);
  });

  it('skips files that cannot matter without parsing them', () => {
    const ctx = { treeKind: 'kernel' as const, hasFile: () => true };
    expect(kbuildMake.collect({ path: 'Makefile', text: 'ifdef X\n' }, ctx)).toEqual({});
  });

  it('turns even pathological input into a diagnostic instead of a throw', () => {
    const ctx = { treeKind: 'kernel' as const, hasFile: () => true };
    const deep = `A := -Zx ${'$('.repeat(20000)}\n`;
    const facts = kbuildMake.collect({ path: 'Makefile', text: deep }, ctx) as { diagnostics?: { code: string; file?: string }[] };
    // Today the recursion overflows and the file is reported as unreadable; an iterative reader would report the
    // unclosed reference instead. Either way: a diagnostic with the file, and no throw.
    expect(facts.diagnostics?.map((d) => `${d.file} ${d.code}`)).toEqual([expect.stringMatching(/^Makefile make\/(unreadable|unclosed-reference)$/)]);
  });

  it('names the crate a rule target builds', () => {
    expect(['$(obj)/kernel.o', '$(obj)/libmacros.so', 'rusttest-kernel', 'rustdoc-core', '$(obj)/%.o', 'prepare', '$(obj)/'].map(crateOfTarget)).toEqual(['kernel', 'macros', 'kernel', 'core', null, null, null]);
  });
});
