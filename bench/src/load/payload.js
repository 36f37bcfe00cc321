// @ts-check
/**
 * Request bodies of an exact byte size: a small JSON object padded with lower-case letters, so
 * the upper-casing back end changes every byte of it and JSON-aware targets (Node-RED's HTTP in)
 * get valid JSON.
 * @param {number} size bytes, at least 16
 * @returns {Buffer}
 */
export function jsonPayload(size) {
  const head = '{"order":{"id":"';
  const tail = '"}}';
  const fill = Math.max(0, size - head.length - tail.length);
  let pad = '';
  for (let i = 0; i < fill; i++) pad += String.fromCharCode(97 + (i % 26));
  return Buffer.from(head + pad + tail);
}
