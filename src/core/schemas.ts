/**
 * The JSON schemas of gatewatch's documents (schemas/*.schema.json), compiled once with ajv. Reading a document
 * a user gives (a saved scan, a baseline) goes through `validateDocument`, so bad input is reported with the path
 * of the first wrong field instead of failing later.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { GatewatchError } from './errors.js';
import { packageFileUrl } from './package-root.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
/** `$id` of each schema by name, once every schema is known to ajv (compiled only when asked for). */
let ids: Map<string, string> | undefined;

/** Every file of schemas/, added by its `$id` so that one schema can refer to another (`registry@1.json#/$defs/entry`). */
function schemaIds(): Map<string, string> {
  if (ids) return ids;
  ids = new Map();
  const dir = packageFileUrl('schemas/');
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.schema.json')) continue;
    const schema = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { $id: string };
    ajv.addSchema(schema);
    ids.set(file.slice(0, -'.schema.json'.length), schema.$id);
  }
  return ids;
}

/** The validator for `schemas/<name>.schema.json`. */
export function schemaValidator(name: string): ValidateFunction {
  const id = schemaIds().get(name);
  const v = id !== undefined ? ajv.getSchema(id) : undefined;
  if (!v) throw new Error(`no schema schemas/${name}.schema.json`);
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
