/**
 * The JSON schemas of gatewatch's documents (schemas/*.schema.json), compiled once with ajv. Reading a document
 * a user gives (a saved scan, a baseline) goes through `validateDocument`, so bad input is reported with the path
 * of the first wrong field instead of failing later.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { GatewatchError } from './errors.js';
import { packageFileUrl } from './package-root.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();

/** The validator for `schemas/<name>.schema.json`. */
export function schemaValidator(name: string): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    const schema = JSON.parse(readFileSync(packageFileUrl(`schemas/${name}.schema.json`), 'utf8')) as object;
    v = ajv.compile(schema);
    compiled.set(name, v);
  }
  return v;
}

/** Read, parse and validate a document file; E_BAD_INPUT names `label` and what was wrong (unreadable, not JSON, a field). */
export function readDocument<T>(name: string, path: string, label: string): T {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new GatewatchError('E_BAD_INPUT', `cannot read ${name} document ${label}`, { cause, hint: `expected a JSON document written by \`gatewatch ${name} --json\`` });
  }
  return validateDocument<T>(name, doc, label);
}

/** Validate a parsed document against a schema; throws E_BAD_INPUT naming the first problems and the file. */
export function validateDocument<T>(name: string, doc: unknown, file: string): T {
  const v = schemaValidator(name);
  if (!v(doc)) {
    const problems = (v.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
    throw new GatewatchError('E_BAD_INPUT', `${file} is not a valid ${name} document: ${problems.join('; ')}`, {
      hint: `expected a document written by \`gatewatch ${name} --json\``,
    });
  }
  return doc as T;
}
