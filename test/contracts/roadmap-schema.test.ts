import { describe, expect, it } from 'vitest';
import { schemaValidator } from '../../src/core/schemas.js';
import { runCli } from '../helpers/cli.js';
import { ROADMAP_SCHEMA } from '../../src/model/roadmap.js';

const validate = schemaValidator('roadmap');

describe('roadmap document schema', () => {
  it('accepts what `gatewatch roadmap --json` prints for the bundled roadmap', async () => {
    const r = await runCli(['roadmap', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.wanted.length).toBeGreaterThan(0);
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('accepts the roadmap computed without a registry or a scan', async () => {
    const r = await runCli(['roadmap', '--registry', 'none', '--scan', 'none', '--json']);
    expect(r.code).toBe(0);
    expect(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('rejects a wanted item with a category the contract does not name', () => {
    const computed = { state: 'no-gates', stableSince: null, stillEnabledByKernel: [], gates: [] };
    const item = { title: 'x', category: 'wishlist', gates: [], written: { status: null, notes: [] }, computed };
    expect(validate({ schema: ROADMAP_SCHEMA, goals: [], wanted: [item], otherTopics: [] })).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe('/wanted/0/category');
  });
});
