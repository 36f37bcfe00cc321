/**
 * Copying property and variable values for a message's copy (clone targets), as MI's
 * MessageHelper.cloneMessageContext does: XML (an OM value) and lists are copied, strings and
 * other values are immutable or shared as MI shares them.
 */

/** A map with each value copied by `copyValue`; undefined stays undefined (created on first write). */
export function copyMap<K>(map: ReadonlyMap<K, unknown> | undefined): Map<K, unknown> | undefined {
  if (!map) return undefined;
  const out = new Map<K, unknown>();
  for (const [k, v] of map) out.set(k, copyValue(v));
  return out;
}

/** One value: a DOM node deeply (OMElement.cloneOMElement), an array by its items (cloneArrayList). */
export function copyValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copyValue);
  const node = v as { nodeType?: unknown; cloneNode?: (deep: boolean) => unknown };
  if (typeof node.nodeType === 'number' && typeof node.cloneNode === 'function') return node.cloneNode(true);
  return v;
}
