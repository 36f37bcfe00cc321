/**
 * Synapse's dynamic form of a key or name: `{…}` around the whole value means an expression
 * evaluated per message (property's name, sequence's key, send's receive, an endpoint's key).
 * Validation, the inspector and the runtime all read the form through `parseDynamic`.
 */

/** A key or name as written: a literal, or the expression inside `{…}`. */
export type DynamicValue =
  | { readonly kind: 'literal'; readonly text: string }
  | {
      readonly kind: 'expression';
      /** The expression, without its braces. */
      readonly source: string;
      /** The value as written (trimmed), braces included, for messages. */
      readonly text: string;
    };

const DYNAMIC = /^\{.*\}$/s;

/** True when `text` (trimmed) is in the `{…}` form. */
export function isDynamic(text: string): boolean {
  return DYNAMIC.test(text.trim());
}

/**
 * Reads a dynamic-capable value. Surrounding blanks never hide the `{…}` form; a literal keeps
 * them unless `trimLiteral` (names of sequences and endpoints are compared trimmed).
 */
export function parseDynamic(text: string, trimLiteral = false): DynamicValue {
  const trimmed = text.trim();
  if (DYNAMIC.test(trimmed)) return { kind: 'expression', source: trimmed.slice(1, -1), text: trimmed };
  return { kind: 'literal', text: trimLiteral ? trimmed : text };
}
