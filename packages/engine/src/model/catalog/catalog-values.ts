/**
 * A kind's values typed from its definition, and resolved once: what the runtime's compilers
 * read. `WrittenValues` is what `readValues` gives (the text of each field, absent when not
 * written); `ResolvedValues` is that with the definition's defaults applied, enums as unions of
 * their values, booleans and integers converted and dynamic names parsed. A field a kind does
 * not have is not a key of either, so reading it does not compile.
 */
import type {
  AttributeField,
  ChildField,
  EndpointValue,
  Field,
  ListField,
  ListRow,
  MediatorValues,
} from './catalog-types.js';
import { parseDynamic, type DynamicValue } from './dynamic-value.js';

type Fields = readonly Field[];

/** The attribute fields of a list row or child element, as written. */
type WrittenRow<Fs extends readonly AttributeField[]> = {
  readonly [F in Fs[number] as F['key']]: string | undefined;
};

type WrittenField<F extends Field> = F extends ListField
  ? readonly (WrittenRow<F['fields']> & { readonly inlineXml?: string })[]
  : F extends ChildField
    ? (WrittenRow<F['fields']> & { readonly text?: string; readonly inlineXml?: string }) | undefined
    : F extends { readonly type: 'endpointChild' }
      ? EndpointValue | undefined
      : string | undefined;

/** A kind's values as written, by field key. */
export type WrittenValues<Fs extends Fields> = {
  readonly [F in Fs[number] as F['key']]: WrittenField<F>;
};

/** An attribute's resolved type: from its `dynamic` flag, then its `type` and enum values. */
type ResolvedScalar<F extends AttributeField> = F extends { readonly dynamic: true }
  ? DynamicValue
  : F extends { readonly type: 'enum'; readonly values: readonly (infer V)[] }
    ? V
    : F extends { readonly type: 'boolean' }
      ? boolean
      : F extends { readonly type: 'integer' }
        ? number
        : string;

/** A defaulted or required attribute is always there once resolved; any other may be absent. */
type ResolvedAttribute<F extends AttributeField> =
  | ResolvedScalar<F>
  | (F extends { readonly default: string } | { readonly required: true } ? never : undefined);

type ResolvedRow<Fs extends readonly AttributeField[]> = {
  readonly [F in Fs[number] as F['key']]: ResolvedAttribute<F>;
};

type ResolvedField<F extends Field> = F extends ListField
  ? readonly (ResolvedRow<F['fields']> & { readonly inlineXml?: string })[]
  : F extends ChildField
    ? (ResolvedRow<F['fields']> & { readonly text?: string; readonly inlineXml?: string }) | undefined
    : F extends { readonly type: 'endpointChild' }
      ? EndpointValue | undefined
      : F extends AttributeField
        ? ResolvedAttribute<F>
        : string | undefined;

/** A kind's values resolved: defaults applied, converted to their types. */
export type ResolvedValues<Fs extends Fields> = {
  readonly [F in Fs[number] as F['key']]: ResolvedField<F>;
};

/** The value of one attribute field: default, required, enum, type and dynamic form. */
function resolveAttribute(f: AttributeField, written: string | undefined, where: string): unknown {
  const name = f.attribute ?? f.key;
  const text = written ?? f.default;
  if (text === undefined) {
    if (f.required) throw new Error(`${where} needs the attribute '${name}'.`);
    return undefined;
  }
  if (f.dynamic) return parseDynamic(text, f.type === 'sequence' || f.type === 'endpoint');
  switch (f.type) {
    case 'enum': {
      const value = f.caseInsensitive ? text.trim().toUpperCase() : text;
      if (!f.values?.includes(value))
        throw new Error(`${where} '${name}' is '${text}'; expected one of ${f.values?.join(', ')}.`);
      return value;
    }
    case 'boolean':
      // As Synapse's Boolean.parseBoolean: "true" in any case, anything else is false.
      return text.toLowerCase() === 'true';
    case 'integer':
      return Number(text);
    case 'sequence':
    case 'endpoint':
      return text.trim();
    default:
      return text;
  }
}

function resolveRow(fields: readonly AttributeField[], row: ListRow, where: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f.key] = resolveAttribute(f, row[f.key], where);
  return out;
}

/**
 * Resolves a mediator's values (as `readValues` read them) against its fields. Meant for a
 * validated mediator: a missing required attribute or a value outside an enum throws, naming
 * `where` (e.g. `<property>`).
 */
export function resolveValues<Fs extends Fields>(
  fields: Fs,
  written: MediatorValues,
  where: string,
): ResolvedValues<Fs> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = written[f.key];
    switch (f.type) {
      case 'list':
        out[f.key] = ((v ?? []) as readonly ListRow[]).map((row, i) => {
          const cells = resolveRow(f.fields, row, `${where} ${f.element} #${i + 1}`);
          return row.inlineXml !== undefined ? { ...cells, inlineXml: row.inlineXml } : cells;
        });
        break;
      case 'child': {
        const child = v as ListRow | undefined;
        out[f.key] = child && {
          ...resolveRow(f.fields, child, `${where} <${f.element}>`),
          ...(child.text !== undefined ? { text: child.text } : {}),
          ...(child.inlineXml !== undefined ? { inlineXml: child.inlineXml } : {}),
        };
        break;
      }
      case 'text':
      case 'body':
      case 'xml':
      case 'endpointChild':
        out[f.key] = v;
        break;
      default:
        out[f.key] = resolveAttribute(f, v as string | undefined, where);
    }
  }
  return out as ResolvedValues<Fs>;
}
