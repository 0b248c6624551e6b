import { describe, expect, it } from 'vitest';
import { schemaValidator, validateDocument } from '../../src/core/schemas.js';
import { buildScan } from '../../src/scan/build-scan.js';
import { fixture, kernelTree } from '../helpers/paths.js';
import { SCAN_SCHEMA } from '../../src/model/scan.js';

const validate = schemaValidator('scan');

describe('scan document schema', () => {
  it('accepts every fixture scan', async () => {
    for (const name of ['nested-cfg-attr', 'comment-group-claims', 'kconfig-version-claims', 'malformed-attributes', 'invalid-utf8-and-binary']) {
      const scan = await buildScan({ tree: fixture('scan', name) });
      expect(validate(scan), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it.skipIf(!kernelTree('6.12'))('accepts the scan of Debian 6.12', async () => {
    const scan = await buildScan({ tree: kernelTree('6.12')! });
    expect(validate(scan), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects a document with a wrong field, naming the field', () => {
    expect(() => validateDocument('scan', { schema: SCAN_SCHEMA, tree: 'x', kernelVersion: null, rustMinVersion: null, occurrences: [{ kind: 'gate' }], claims: [], diagnostics: [] }, 'saved.json')).toThrow(
      /saved\.json is not a valid scan document: \/occurrences\/0/,
    );
  });
});
