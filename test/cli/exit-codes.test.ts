/**
 * Exit codes mean one thing in every command: 0 ok, 1 findings the command was asked for (a name nothing knows, a
 * new gate, a roadmap error), 2 a usage or input error (an input that does not exist).
 */
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/core/errors.js';
import type { FeatureAnswer } from '../../src/model/feature.js';
import { REGISTRY_SCHEMA, type Registry, type RegistryEntry } from '../../src/model/registry.js';
import { computeNameSuggestions } from '../../src/registry/suggest-names.js';
import { runCli } from '../helpers/cli.js';

const entry = (name: string, kind: RegistryEntry['kind']): RegistryEntry => ({ name, kind, status: 'unstable', since: null, trackingIssue: null, sources: [] });
const registry: Registry = {
  schema: REGISTRY_SCHEMA,
  toolchain: null,
  generatedAt: '2026-05-19T00:00:00.000Z',
  provenance: [],
  diagnostics: [],
  features: [entry('let_chains', 'lang'), entry('let_else', 'lang'), entry('-Zbinary-dep-depinfo', 'flag'), entry('-Zcrate-attr', 'flag'), entry('crate_visibility_modifier', 'lang')],
};

describe('names a query may have meant', () => {
  it('the same name in another spelling: `-` or `_`, with or without `-Z`', () => {
    expect(computeNameSuggestions('let-chains', registry)).toEqual(['let_chains']);
    expect(computeNameSuggestions('binary_dep_depinfo', registry)).toEqual(['-Zbinary-dep-depinfo']);
    expect(computeNameSuggestions('binary-dep-depinfo', registry)).toEqual(['-Zbinary-dep-depinfo']);
    expect(computeNameSuggestions('-Zlet_chains', registry)).toEqual(['let_chains']);
    expect(computeNameSuggestions('Zcrate_attr', registry)).toEqual(['-Zcrate-attr']);
  });

  it('else a name a typo away; a flag typo is looked for among flags', () => {
    expect(computeNameSuggestions('let_chain', registry)).toEqual(['let_chains']);
    expect(computeNameSuggestions('-Zcrate-atr', registry)).toEqual(['-Zcrate-attr']);
    expect(computeNameSuggestions('-Zlet-chain', registry)).toEqual([]);
    expect(computeNameSuggestions('nothing_like_any', registry)).toEqual([]);
    expect(computeNameSuggestions('let_chains', registry)).toEqual([]);
  });
});

describe('gatewatch feature: exit 1 when nothing knows the name', () => {
  it('a known name exits 0', async () => {
    const r = await runCli(['feature', '-Zbinary_dep_depinfo']);
    expect(r.code).toBe(EXIT.ok);
  });

  const typos: [query: string, meant: string][] = [
    ['let-chains', 'let_chains'],
    ['binary_dep_depinfo', '-Zbinary-dep-depinfo'],
    ['-Zlet_chains', 'let_chains'],
    ['-Zbinary-dep-depinf', '-Zbinary-dep-depinfo'],
  ];
  for (const [query, meant] of typos) {
    it(`${query}: exit 1, did you mean \`${meant}\``, async () => {
      const text = await runCli(['feature', query]);
      expect(text.code).toBe(EXIT.findings);
      expect(text.stdout).toMatch(new RegExp(`^${query}: not in the registry;.*did you mean \`${meant}\`\\?\\n$`));
      const json = await runCli(['feature', query, '--json']);
      expect(json.code).toBe(EXIT.findings);
      const answer = JSON.parse(json.stdout) as FeatureAnswer;
      expect(answer.entry).toBeNull();
      expect(answer.suggestions).toEqual([meant]);
    });
  }
});

describe('an input that does not exist is exit 2 in every command', () => {
  const missing: string[][] = [
    ['scan', '/no/such/tree'],
    ['report', '/no/such/tree'],
    ['check', '/no/such/tree', '--baseline', '/no/such/baseline.json'],
    ['roadmap', '/no/such/roadmap.toml'],
    ['roadmap', 'check', '/no/such/roadmap.toml'],
    ['roadmap', 'render', '/no/such/roadmap.toml'],
    ['roadmap', '--scan', '/no/such/scan.json'],
    ['report', '--registry', '/no/such/registry.json'],
  ];
  for (const args of missing) {
    it(`gatewatch ${args.join(' ')}`, async () => {
      const r = await runCli(args);
      expect(r.code, r.stderr).toBe(EXIT.error);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^gatewatch: .*\/no\/such\//);
    });
  }
});
