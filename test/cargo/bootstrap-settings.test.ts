import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Occurrence } from '../../src/model/scan.js';
import { collectCiFile } from '../../src/sources/bootstrap-settings/ci-file.js';
import { bootstrapSettings, ciFileKind } from '../../src/sources/bootstrap-settings/index.js';
import { collectShellSettings, stripLineComment } from '../../src/sources/bootstrap-settings/ci-lines.js';
import { collectYamlSettings } from '../../src/sources/bootstrap-settings/ci-yaml.js';
import type { ScanContext } from '../../src/sources/types.js';
import { fixture } from '../helpers/paths.js';

const read = (name: string, path: string) => ({ path, text: readFileSync(fixture('cargo', name, path), 'utf8') });
const ctx = (files: string[]): ScanContext => ({ treeKind: 'cargo', hasFile: (p) => files.includes(p) });
const row = (o: Occurrence) => `${o.name}=${o.value ?? '-'} ${o.file}:${o.line}:${o.column} ${o.tool} ${o.variable}`;

describe('bootstrap-settings source', () => {
  it('finds RUSTC_BOOTSTRAP in println! instructions of build.rs, with the if-branch it sits in', async () => {
    const facts = await bootstrapSettings.collect(read('build-rs-sets-bootstrap', 'build.rs'), ctx(['Cargo.toml', 'build.rs']));
    // Line 3 is a comment, 4 a doc comment, 6 a plain string, 7 an eprintln!, 17 reads the variable.
    expect(facts.bootstrap).toEqual([
      { file: 'build.rs', line: 11, value: '1', condition: 'env::var("CARGO_FEATURE_NIGHTLY").is_ok()' },
      { file: 'build.rs', line: 14, value: 'simd_probe', condition: '!(env::var("CARGO_FEATURE_NIGHTLY").is_ok())' },
    ]);
  });

  it('reads raw strings and std::println!, and ignores the instruction inside another macro name', async () => {
    const text = 'fn main() {\n    std::println!(r"cargo::rustc-env=RUSTC_BOOTSTRAP=1");\n    log!("cargo:rustc-env=RUSTC_BOOTSTRAP=1");\n}\n';
    const facts = await bootstrapSettings.collect({ path: 'build.rs', text }, ctx(['Cargo.toml']));
    expect(facts.bootstrap).toEqual([{ file: 'build.rs', line: 2, value: '1', condition: null }]);
  });

  it('ignores RUSTC_BOOTSTRAP in comments, reads and unsets in CI files; only the real assignment counts', async () => {
    const workflow = collectCiFile(read('bootstrap-in-comment-ignored', '.github/workflows/ci.yml'), 'yaml');
    expect(workflow.bootstrap).toEqual([]);
    // EXTRA_RUSTFLAGS is a variable cargo never reads, and `# RUSTFLAGS: -Z...` a comment.
    expect(workflow.occurrences).toEqual([]);
    const script = collectCiFile(read('bootstrap-in-comment-ignored', 'ci/test.sh'), 'shell');
    expect(script.bootstrap).toEqual([{ file: 'ci/test.sh', line: 7, value: '-1', condition: null }]);
    expect(script.occurrences).toEqual([]);
  });

  it('finds RUSTC_BOOTSTRAP and RUSTFLAGS/RUSTDOCFLAGS -Z flags in GitHub, GitLab, Cirrus and .ci/ files', () => {
    const name = 'github-workflow-rustflags';
    const gh = collectCiFile(read(name, '.github/workflows/nightly.yml'), 'yaml');
    expect(gh.occurrences!.map(row)).toEqual([
      '-Zsanitizer=address .github/workflows/nightly.yml:6:15 rustc RUSTFLAGS',
      '-Zunstable-options=- .github/workflows/nightly.yml:7:17 rustdoc RUSTDOCFLAGS',
      // `echo "RUSTFLAGS=$RUSTFLAGS -Zshare-generics" >> "$GITHUB_ENV"` sets the variable for later steps.
      '-Zshare-generics=- .github/workflows/nightly.yml:14:41 rustc RUSTFLAGS',
    ]);
    expect(gh.bootstrap).toEqual([
      { file: '.github/workflows/nightly.yml', line: 11, value: '1', condition: null },
      { file: '.github/workflows/nightly.yml', line: 15, value: '1', condition: null },
    ]);
    expect(collectCiFile(read(name, '.gitlab-ci.yml'), 'yaml').bootstrap).toEqual([{ file: '.gitlab-ci.yml', line: 2, value: '1', condition: null }]);
    expect(collectCiFile(read(name, '.cirrus.yml'), 'yaml').occurrences!.map(row)).toEqual(['-Zthreads=4 .cirrus.yml:4:17 rustc RUSTFLAGS']);
    // `-Z unstable-options`: two words, reported at the name.
    expect(collectCiFile(read(name, '.ci/run'), 'shell').occurrences!.map(row)).toEqual(['-Zunstable-options=- .ci/run:3:38 rustdoc RUSTDOCFLAGS']);
  });

  it('keeps `#` that is not a comment, and reads YAML keys only as mapping keys', () => {
    expect(stripLineComment('echo "a # b" # c')).toBe('echo "a # b" ');
    expect(stripLineComment('x=${#arr}')).toBe('x=${#arr}');
    const yaml = 'steps:\n  - run: "echo RUSTC_BOOTSTRAP: 1"\nenv:\n  RUSTC_BOOTSTRAP: "1"\n';
    expect(collectCiFile({ path: '.gitlab-ci.yml', text: yaml }, 'yaml').bootstrap!.map((s) => s.line)).toEqual([4]);
    expect(collectShellSettings('RUSTC_BOOTSTRAP: 1\n', ['RUSTC_BOOTSTRAP'])).toEqual([]);
  });

  it('wants build.rs beside a Cargo.toml, CI files, and scripts under ci/ or .ci/', () => {
    const c = ctx(['Cargo.toml', 'crates/a/Cargo.toml']);
    const wanted = ['build.rs', 'crates/a/build.rs', '.github/workflows/ci.yaml', '.gitlab-ci.yml', '.cirrus.yml', 'ci/run.sh', '.ci/run', 'ci/azure.yml'];
    expect(wanted.filter((p) => !bootstrapSettings.wants(p, c))).toEqual([]);
    // ci/Makefile and ci/scripts/ are the make source's files.
    const unwanted = ['src/build.rs', '.github/dependabot.yml', '.github/workflows/README.md', 'ci/README.md', 'docs/ci/run.sh', 'ci/Makefile', 'ci/scripts/setup.sh'];
    expect(unwanted.filter((p) => bootstrapSettings.wants(p, c))).toEqual([]);
    expect(ciFileKind('.ci/run')).toBe('shell');
  });
});

describe('YAML values over several lines', () => {
  it('reads each line of a block scalar or an indented plain scalar as part of the value, at its own line', () => {
    const text = ['env:', '  RUSTFLAGS: >-', '    -Zsanitizer=memory', '    -Zsanitizer-memory-track-origins', '  RUSTDOCFLAGS:', '  OTHER: x', '  RUSTC_BOOTSTRAP:', '    "1"', 'jobs: {}'].join('\n');
    const facts = collectCiFile({ path: '.github/workflows/msan.yml', text }, 'yaml');
    expect(facts.occurrences!.map(row)).toEqual([
      '-Zsanitizer=memory .github/workflows/msan.yml:3:5 rustc RUSTFLAGS',
      '-Zsanitizer-memory-track-origins=- .github/workflows/msan.yml:4:5 rustc RUSTFLAGS',
    ]);
    // An empty RUSTDOCFLAGS followed by a sibling key has no value.
    expect(facts.bootstrap).toEqual([{ file: '.github/workflows/msan.yml', line: 8, value: '1', condition: null }]);
  });
});

describe('YAML read by a YAML parser', () => {
  it('reads a setting written as a quoted key, a single-quoted value, or in a flow mapping over lines', () => {
    const text = ['variables: {', '  "RUSTFLAGS": \'-Zthreads=8\',', '  RUSTC_BOOTSTRAP: 1 }', 'test:', '  script: [cargo test]'].join('\n');
    const facts = collectCiFile({ path: '.gitlab-ci.yml', text }, 'yaml');
    expect(facts.occurrences!.map(row)).toEqual(['-Zthreads=8 .gitlab-ci.yml:2:17 rustc RUSTFLAGS']);
    expect(facts.bootstrap).toEqual([{ file: '.gitlab-ci.yml', line: 3, value: '1', condition: null }]);
  });

  it('reads a literal block script line by line as shell, skipping its shell comments', () => {
    const text = ['steps:', '  - run: |', '      # RUSTFLAGS=-Zold', '      RUSTFLAGS="-Zfmt-debug=none" cargo build'].join('\n');
    expect(collectCiFile({ path: '.github/workflows/b.yml', text }, 'yaml').occurrences!.map(row)).toEqual(['-Zfmt-debug=none .github/workflows/b.yml:4:18 rustc RUSTFLAGS']);
  });

  it('turns a file that is not YAML into a diagnostic at its place, and scans nothing in it', () => {
    const text = 'env:\n  RUSTC_BOOTSTRAP: 1\n run: [unclosed\n';
    const facts = collectCiFile({ path: '.github/workflows/bad.yml', text }, 'yaml');
    expect(facts.bootstrap).toEqual([]);
    expect(facts.diagnostics).toMatchObject([{ code: 'bootstrap-settings/invalid-yaml', severity: 'error', file: '.github/workflows/bad.yml', line: 3 }]);
    expect(collectYamlSettings(text, ['RUSTC_BOOTSTRAP'], 'bad.yml').settings).toEqual([]);
  });
});

describe('the other names cargo reads flags from', () => {
  it('reads CARGO_BUILD_RUSTFLAGS split on whitespace and CARGO_ENCODED_RUSTFLAGS split on 0x1f only', () => {
    const text = 'export CARGO_BUILD_RUSTDOCFLAGS="-Zunstable-options --cfg docsrs"\nexport CARGO_ENCODED_RUSTFLAGS="-Zcrate-attr=feature(a, b)\x1f-Zthreads=2"\n';
    const facts = collectCiFile({ path: 'ci/flags.sh', text }, 'shell');
    expect(facts.occurrences!.map((o) => `${o.kind} ${o.name}=${o.value ?? '-'} ${o.line}:${o.column} ${o.tool ?? '-'} ${o.variable} ${o.via}`)).toEqual([
      'flag -Zunstable-options=- 1:34 rustdoc CARGO_BUILD_RUSTDOCFLAGS cargo-config',
      'flag -Zcrate-attr=feature(a, b) 2:33 rustc CARGO_ENCODED_RUSTFLAGS cargo-config',
      'feature a=- 2:33 - CARGO_ENCODED_RUSTFLAGS crate-attr-flag',
      'feature b=- 2:33 - CARGO_ENCODED_RUSTFLAGS crate-attr-flag',
      'flag -Zthreads=2 2:60 rustc CARGO_ENCODED_RUSTFLAGS cargo-config',
    ]);
  });
});
