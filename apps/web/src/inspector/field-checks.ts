/**
 * Checks an inspector runs as the user types, before the project's validation: the same rules,
 * but immediate and next to the field.
 */
import {
  checkExpression,
  javaRegex,
  parseDynamic,
  SUPPORTED_SCHEMES,
  type AttributeField,
} from '@mediate/engine';

/** A problem with one attribute value, or undefined. */
export function checkValue(f: AttributeField, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return f.required ? `${f.label} is required.` : undefined;
  const v = value.trim();
  const dynamic = f.dynamic ? parseDynamic(value) : undefined;
  if (dynamic?.kind === 'expression') return checkExpression(dynamic.source);
  switch (f.type) {
    case 'expression':
      return checkExpression(value);
    case 'integer':
      return /^\d+$/.test(v) ? undefined : 'Expected a whole number, 0 or more.';
    case 'regex':
      try {
        javaRegex(value);
        return undefined;
      } catch (e) {
        return `Invalid regex: ${e instanceof Error ? e.message : String(e)}`;
      }
    case 'enum':
      return f.values?.some((x) => (f.caseInsensitive ? x.toUpperCase() === v.toUpperCase() : x === v))
        ? undefined
        : `Expected one of ${f.values?.join(', ')}.`;
    default:
      return undefined;
  }
}

/** A problem with an endpoint URI, or undefined. */
export function checkUri(uri: string | undefined): string | undefined {
  if (!uri) return 'An address endpoint needs a URI.';
  const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(uri.trim());
  if (!m) return 'Expected a URI such as ws://host:port/path.';
  const scheme = (m[1] as string).toLowerCase();
  return (SUPPORTED_SCHEMES as readonly string[]).includes(scheme)
    ? undefined
    : `Mediate sends to ${SUPPORTED_SCHEMES.join(', ')}; not ${scheme}.`;
}
