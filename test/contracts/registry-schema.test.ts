import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaValidator } from '../../src/core/schemas.js';
import { repoRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { REGISTRY_SCHEMA } from '../../src/model/registry.js';

const validate = schemaValidator('registry');

describe('registry document schema', () => {
  it('accepts the bundled data/registry.json', () => {
    const doc = JSON.parse(readFileSync(join(repoRoot, 'data', 'registry.json'), 'utf8'));
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('accepts what `gatewatch registry --json` prints', async () => {
    const r = await runCli(['registry', '--json']);
    expect(r.code).toBe(0);
    expect(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('rejects an entry with a status the contract does not name', () => {
    const doc = { schema: REGISTRY_SCHEMA, toolchain: null, generatedAt: '', provenance: [], diagnostics: [], features: [{ name: 'x', kind: 'lang', status: 'beta', since: null, trackingIssue: null, sources: [] }] };
    expect(validate(doc)).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe('/features/0/status');
  });
});
