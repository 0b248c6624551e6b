import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

let compiled: ValidateFunction | undefined;

/** The official SARIF 2.1.0 schema (shipped by @microsoft/jest-sarif), compiled once. */
export function sarifValidator(): ValidateFunction {
  if (compiled) return compiled;
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  // The schema is draft-04 (`id`, boolean exclusiveMinimum), read as written by ajv-draft-04; its language
  // pattern is not valid under the `u` flag, hence unicodeRegExp: false.
  const ajv = new Ajv04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats.default(ajv);
  return (compiled = ajv.compile(schema));
}
