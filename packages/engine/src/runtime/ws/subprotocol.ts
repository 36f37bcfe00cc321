/**
 * The `synapse(contentType='…')` WebSocket subprotocols of WSO2 MI, as strings.
 *
 * MI (and the Netty servers it talks to) negotiate the payload type with values such as
 * `synapse(contentType='application/json')`. They are not RFC 6455 tokens (`(`, `)`, `'` and `=`
 * are not token characters), so `ws` refuses them on both sides; the handshake code in
 * `server-upgrade.ts` and `connect.ts` uses these helpers to negotiate them itself.
 */

/** Prefix MI's `SubprotocolBuilderUtil` writes in front of the content type. */
const SYNAPSE_PREFIX = "synapse(contentType='";
const SYNAPSE_SUFFIX = "')";

/**
 * Accepts what MI writes and small variations of it (spaces around `=`, double quotes), because
 * a value only has to be recognised here; the value echoed in a handshake is always the one the
 * peer wrote, never a re-formatted one.
 */
const SYNAPSE_RE = /^synapse\(\s*contentType\s*=\s*(['"])([^'"]*)\1\s*\)$/;

/**
 * Formats a content type as MI's subprotocol value, exactly as MI's sender writes it.
 *
 * @example formatSynapseSubprotocol('application/json') === "synapse(contentType='application/json')"
 */
export function formatSynapseSubprotocol(contentType: string): string {
  return SYNAPSE_PREFIX + contentType + SYNAPSE_SUFFIX;
}

/**
 * Returns the content type inside a `synapse(contentType='…')` value (trimmed), or `undefined`
 * when the value is not of that form or the content type is empty. Parameters after `;` are kept:
 * deciding what to do with them is the caller's business (MI ignores them when choosing a builder).
 */
export function parseSynapseSubprotocol(value: string): string | undefined {
  const m = SYNAPSE_RE.exec(value.trim());
  const contentType = m?.[2]?.trim();
  return contentType ? contentType : undefined;
}

/**
 * Splits a raw `Sec-WebSocket-Protocol` header into its offered values, in order.
 *
 * Plain comma splitting is right here, unlike for most HTTP lists: neither tokens nor the synapse
 * values contain commas. Empty entries are dropped because MI itself advertises its list with a
 * trailing comma. Node gives repeated headers either joined with `, ` or as an array; both work.
 */
export function parseProtocolHeader(raw: string | readonly string[] | undefined): string[] {
  if (raw === undefined) return [];
  const joined = typeof raw === 'string' ? raw : raw.join(',');
  const out: string[] = [];
  for (const part of joined.split(',')) {
    const v = part.trim();
    if (v) out.push(v);
  }
  return out;
}

/** Which subprotocols an endpoint accepts. */
export interface SubprotocolPolicy {
  /**
   * Content types accepted inside `synapse(contentType='…')`: `'any'` (the default, as MI's
   * inbound endpoint builds any content type it has a builder for, with SOAP as the fallback), or
   * an exact list such as `['application/xml', 'application/json']` (the WSO2 Netty example).
   * An empty list accepts no synapse value.
   */
  synapseContentTypes?: 'any' | readonly string[];
  /** Other values accepted as written, compared exactly (e.g. a subprotocol handler's `echo`). */
  tokens?: readonly string[];
}

/**
 * Chooses the subprotocol to answer with, the way Netty's `selectSubprotocol` does: the first
 * value *the client offered* that the endpoint supports, returned exactly as the client wrote it
 * (clients compare the echo byte for byte). `undefined` means the 101 carries no
 * `Sec-WebSocket-Protocol`, which is also what Netty does when nothing matches.
 */
export function selectSubprotocol(
  offered: readonly string[],
  policy: SubprotocolPolicy = {},
): string | undefined {
  const synapse = policy.synapseContentTypes ?? 'any';
  const tokens = policy.tokens ?? [];
  for (const value of offered) {
    const contentType = parseSynapseSubprotocol(value);
    if (contentType !== undefined && (synapse === 'any' || synapse.includes(contentType))) {
      return value;
    }
    if (tokens.includes(value)) return value;
  }
  return undefined;
}
