/**
 * A message's transport headers as the context keeps them: keyed lower-case, each entry with the
 * name as written, so reads ignore case and what is sent on keeps the client's spelling.
 */

/** One transport header. */
export interface HeaderEntry {
  name: string;
  value: string;
}

/** The map of `[name, value]` pairs. */
export function headerMapOf(headers: Iterable<readonly [string, string]>): Map<string, HeaderEntry> {
  const map = new Map<string, HeaderEntry>();
  for (const [name, value] of headers) map.set(name.toLowerCase(), { name, value });
  return map;
}

/** The map of Node's raw `[name, value, …]` list. */
export function headerMapOfRaw(raw: readonly string[]): Map<string, HeaderEntry> {
  const map = new Map<string, HeaderEntry>();
  for (let i = 0; i + 1 < raw.length; i += 2)
    map.set((raw[i] as string).toLowerCase(), { name: raw[i] as string, value: raw[i + 1] as string });
  return map;
}
