/**
 * The house layering, checked on every import of src/ and web/ by dependency-cruiser
 * (https://github.com/sverweij/dependency-cruiser/blob/main/doc/rules-reference.md). `npm test` runs it through
 * `npm run lint:arch`. Each rule's comment says why it exists. What a rule cannot see (calls such as
 * `console.log`) stays in test/architecture.test.ts.
 */

/**
 * Modules that run anywhere (CLI, server, browser): they import no node:* module, nothing with effects. Besides the
 * model and analyses: the pure parts of core, the registry lookup and the roadmap's gate-name finder that analyses
 * share with the CLI.
 */
const PURE = [
  '^src/model/',
  '^src/analyses/',
  '^src/core/(rust-version|did-you-mean|errors|progress|markdown|markdown-pieces)\\.ts$',
  '^src/registry/lookup\\.ts$',
  '^src/roadmap/gates-in-text\\.ts$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle makes the load order matter and the layers meaningless: each stage must be readable on its own, top to bottom.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pure-no-node',
      comment: 'Analyses and the model run in the CLI, a server and the browser dashboard alike: no node:* module (fs, path, child_process) may reach them.',
      severity: 'error',
      from: { path: PURE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'pure-imports-pure',
      comment: 'Analyses and the model read documents only; importing a source, the scan, a reporter or the CLI would bring the file system and printing back into them.',
      severity: 'error',
      from: { path: PURE },
      to: { dependencyTypes: ['local'], pathNot: PURE },
    },
    {
      name: 'model-is-plain-types',
      comment: 'Documents are the contract every stage reads; the model depends on nothing but itself and the version arithmetic its types name.',
      severity: 'error',
      from: { path: '^src/model/' },
      to: { dependencyTypes: ['local'], pathNot: ['^src/model/', '^src/core/rust-version\\.ts$'] },
    },
    {
      name: 'sources-never-reach-reporters',
      comment: 'Sources collect facts; how facts are shown is decided later, by a reporter the CLI picks.',
      severity: 'error',
      from: { path: '^src/(sources|registry/sources|roadmap/sources)/' },
      to: { path: '^src/(reporters|cli)/' },
    },
    {
      name: 'reporters-render-documents',
      comment: 'Reporters are pure functions of a document (also a saved one): they never read sources, run the scan, touch the file system or call the CLI.',
      severity: 'error',
      from: { path: '^src/reporters/' },
      to: { path: '^src/(sources|registry/sources|roadmap/sources|scan|store|inputs|cli)/' },
    },
    {
      name: 'reporters-no-node',
      comment: 'Only the CLI writes output; a reporter returns text, so it needs no node:* module.',
      severity: 'error',
      from: { path: '^src/reporters/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'roadmap-pure',
      comment: 'The roadmap is built from files read by src/inputs/roadmap.ts; building and computing it stay pure so the dashboard can run them on saved documents.',
      severity: 'error',
      from: { path: '^src/roadmap/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'roadmap-not-cli',
      comment: 'The roadmap pipeline is a library the CLI calls, never the other way round.',
      severity: 'error',
      from: { path: '^src/roadmap/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'cli-only-wires',
      comment: 'A command resolves inputs, builds, computes and renders; probing a compiler, scanning a tree or reading configuration happens in src/inputs, so every command does it the same way.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: ['^src/registry/(probe|registry-for-scan)\\.ts$', '^src/registry/sources/', '^src/analyses/probed-registry\\.ts$', '^src/(scan|kconfig|sources)/'] },
    },
    {
      name: 'cli-no-child-process',
      comment: 'The CLI runs no program itself: compilers and git are run by the inputs and sources that need them.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?child_process$' },
    },
    {
      name: 'web-only-model-and-analyses',
      comment: 'The dashboard reads documents and computes in the browser: only the model and the pure analyses (and browser packages) may reach it.',
      severity: 'error',
      from: { path: '^web/' },
      to: { dependencyTypes: ['local'], pathNot: ['^web/', ...PURE] },
    },
    {
      name: 'web-no-node',
      comment: 'A browser has no node:* modules.',
      severity: 'error',
      from: { path: '^web/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that resolves to nothing fails at run time in the bundle; catch it here.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.cts', '.js', '.mjs', '.cjs', '.d.ts', '.json'] },
  },
};
