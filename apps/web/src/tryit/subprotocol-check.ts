/**
 * What a browser accepts as a WebSocket subprotocol: RFC 6455 §4.1 asks for HTTP tokens
 * (RFC 7230 `tchar`: letters, digits and ! # $ % & ' * + - . ^ _ ` | ~), and browsers throw on
 * anything else before connecting. MI's `synapse(contentType='…')` is not a token ('(', ')' and
 * '=' are separators), so Try-it cannot send it; the inbound endpoint's
 * `ws.default.content.type` parameter picks the content type instead.
 */

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** The subprotocols of a comma-separated field, trimmed, empty ones left out. */
export function splitSubprotocols(text: string): string[] {
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Why a browser would refuse the subprotocols typed in `text`, or undefined. */
export function subprotocolProblem(text: string): string | undefined {
  const list = splitSubprotocols(text);
  const bad = list.find((p) => !TOKEN.test(p));
  if (bad !== undefined) {
    const synapse = /^synapse\s*\(/i.test(bad)
      ? " For MI's synapse(contentType=…), set the inbound endpoint's ws.default.content.type parameter instead."
      : '';
    return `'${bad}' is not a valid subprotocol: browsers accept only RFC 6455 tokens (letters, digits and !#$%&'*+-.^_\`|~; no spaces, brackets, '/', '=' or double quotes).${synapse}`;
  }
  const seen = new Set<string>();
  for (const p of list) {
    if (seen.has(p)) return `'${p}' is listed twice; browsers refuse a repeated subprotocol.`;
    seen.add(p);
  }
  return undefined;
}
