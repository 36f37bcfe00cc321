/**
 * Java regular expressions (what Synapse's filter `regex` and property `pattern` use) as
 * JavaScript RegExps: the common Java-only syntax is translated, the rest is shared.
 */

/** Compiles a Java regex so that it must match the whole input (`Matcher.matches()`). */
export function javaRegex(source: string): RegExp {
  const { body, flags } = translate(source);
  return new RegExp(`^(?:${body})$`, flags);
}

/** Compiles a Java regex for finding every match (`String.replaceAll`), not anchored. */
export function javaRegexAll(source: string): RegExp {
  const { body, flags } = translate(source);
  return new RegExp(body, `${flags}g`);
}

function translate(source: string): { body: string; flags: string } {
  let flags = '';
  let body = source;
  // Leading inline flags (?i), (?s), (?m), (?is)… become RegExp flags.
  const inline = /^\(\?([imsux]+)\)/.exec(body);
  if (inline) {
    body = body.slice(inline[0].length);
    for (const f of inline[1] as string) if ('ims'.includes(f) && !flags.includes(f)) flags += f;
  }
  body = body
    .replace(/\\A/g, '^')
    .replace(/\\[zZ]/g, '$')
    .replace(/\(\?>/g, '(?:')
    .replace(/([*+?}])\+/g, '$1');
  return { body, flags };
}
