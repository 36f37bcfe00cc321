/**
 * JSON Schemas compiled at deploy time for the validate mediator, with ajv. MI validates with
 * fge's json-schema-validator, whose default draft is 4; a schema without `$schema` is read as
 * draft 4 here too, and one naming draft 2019-09 or 2020-12 by that draft (others: draft 7).
 */
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { LocalEntryContent } from '../../deploy/local-entries.js';

type AjvLike = { compile(schema: object): ValidateFunction };
type AjvClass = new (opts: object) => AjvLike;

// ajv is loaded when a deployment first has a JSON Schema, not when the runtime starts (it
// takes a noticeable part of a second); it is CommonJS, so it loads synchronously here.
const requireCjs = createRequire(import.meta.url);
const MODULES: Readonly<Record<string, readonly [string, string]>> = {
  '4': ['ajv-draft-04', 'default'],
  '7': ['ajv', 'Ajv'],
  '2019': ['ajv/dist/2019.js', 'Ajv2019'],
  '2020': ['ajv/dist/2020.js', 'Ajv2020'],
};

/** A validator for one draft; one per schema, so nothing is shared between deployments. */
function ajvFor(draft: string): AjvLike {
  const [id, name] = MODULES[draft] ?? (MODULES['4'] as readonly [string, string]);
  const mod = requireCjs(id) as Record<string, AjvClass | undefined>;
  const Cls = (mod[name] ?? mod) as AjvClass;
  // MI's validator ignores unknown keywords and formats; so does this one (strict: false).
  return new Cls({ strict: false, allErrors: true, validateFormats: false });
}

function draftOf(schema: Record<string, unknown>): string {
  const s = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (s.includes('2020-12')) return '2020';
  if (s.includes('2019-09')) return '2019';
  if (/draft-0[67]/.test(s)) return '7';
  return '4';
}

/** A compiled JSON Schema. */
export interface CompiledJsonSchema {
  /** The first problem of `value` (message and detail, as MI reports them), or undefined. */
  validate(value: unknown): { message: string; detail: string } | undefined;
}

const describe = (e: ErrorObject) =>
  `${e.instancePath === '' ? '/' : e.instancePath} ${e.message ?? 'is not valid'}`;

/** Compiles the JSON Schema in a local entry. Throws when it is not JSON or not a schema. */
export function compileJsonSchema(entry: LocalEntryContent): CompiledJsonSchema {
  let schema: unknown;
  try {
    schema = JSON.parse(entry.text);
  } catch (e) {
    throw new Error(`Local entry '${entry.key}' is not a JSON Schema: ${(e as Error).message}`);
  }
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema))
    throw new Error(`Local entry '${entry.key}' is not a JSON Schema (not a JSON object).`);
  let check: ValidateFunction;
  try {
    // The draft picks the class; `$schema` itself is dropped so draft 6 reads as draft 7.
    const { $schema: _draft, ...rest } = schema as Record<string, unknown>;
    check = ajvFor(draftOf(schema as Record<string, unknown>)).compile(rest);
  } catch (e) {
    throw new Error(`Local entry '${entry.key}' is not a valid JSON Schema: ${(e as Error).message}`);
  }
  return {
    validate: (value) => {
      if (check(value)) return undefined;
      const first = check.errors?.[0];
      if (!first) return { message: 'The JSON does not match the schema.', detail: '' };
      return {
        message: describe(first),
        detail: (check.errors ?? []).map((e) => `${describe(e)} (${e.schemaPath})`).join('; '),
      };
    },
  };
}
