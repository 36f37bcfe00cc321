/**
 * JSON Schemas compiled at deploy time for the validate mediator, with ajv. MI validates with
 * fge's json-schema-validator, whose default draft is 4; a schema without `$schema` is read as
 * draft 4 here too, and one naming draft 2019-09 or 2020-12 by that draft (others: draft 7).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04Module from 'ajv-draft-04';
import type { LocalEntryContent } from '../../deploy/local-entries.js';

type AjvLike = { compile(schema: object): ValidateFunction };
type AjvClass = new (opts: object) => AjvLike;

// ajv-draft-04 is CommonJS whose module object is the class itself.
const AjvDraft04 = ((AjvDraft04Module as unknown as { default?: AjvClass }).default ??
  AjvDraft04Module) as unknown as AjvClass;

/** A validator for one draft; one per schema, so nothing is shared between deployments. */
function ajvFor(draft: string): AjvLike {
  // MI's validator ignores unknown keywords and formats; so does this one (strict: false).
  const opts = { strict: false, allErrors: true, validateFormats: false };
  const Cls: AjvClass =
    draft === '2020'
      ? (Ajv2020 as AjvClass)
      : draft === '2019'
        ? (Ajv2019 as AjvClass)
        : draft === '7'
          ? (Ajv as AjvClass)
          : AjvDraft04;
  return new Cls(opts);
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
