/**
 * The HTTP and HTTPS inbound endpoint's parameters: every `<parameter name>` Mediate knows, with
 * its type, default, meaning and the MI class that reads it (MI 4.4's
 * `org.wso2.carbon.inbound.endpoint.protocol.http`: InboundHttpConstants names them,
 * InboundHttpListener, HTTPEndpointManager and InboundHttpServerWorker read them). As with
 * `ws-inbound-parameters.ts`, this list is the one place they are written down: the studio's
 * form offers the ones not `ignored` for an http or https endpoint, validation checks them, and
 * the runtime reads them only through `httpInboundSettings`.
 */
import { javaRegex } from '../expressions/java-regex.js';
import { checkInboundPort, type ParameterDefinition } from './define-artifact.js';

const HTTP = 'org.wso2.carbon.inbound.endpoint.protocol.http';
const LISTENER = `${HTTP}.InboundHttpListener`;
const MANAGER = `${HTTP}.management.HTTPEndpointManager`;
const MEDIATE_ONLY = 'Mediate only';
const BOTH = ['http', 'https'] as const;
const SECURE = ['https'] as const;

/**
 * The text of a pattern compiled with Java's COMMENTS flag, as HTTPEndpointManager.compilePattern
 * does: whitespace outside a character class and `#…` to the end of a line are not part of it.
 */
function withoutComments(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      out += pattern.slice(i, i + 2);
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '#') {
      while (i < pattern.length && pattern[i] !== '\n') i++;
    } else if (!/\s/.test(c)) out += c;
  }
  return out;
}

/**
 * `dispatch.filter.pattern` as a RegExp that must match a whole request URI (path and query),
 * as Matcher.matches() does; compiled with COMMENTS and DOTALL (HTTPEndpointManager). Throws
 * when the pattern is not a valid regular expression.
 */
export function dispatchFilterPattern(pattern: string): RegExp {
  const re = javaRegex(withoutComments(pattern));
  return new RegExp(`^(?:${re.source})$`, re.flags.includes('s') ? re.flags : `${re.flags}s`);
}

/** Every HTTP/HTTPS inbound parameter, in the order the form offers them. */
export const HTTP_INBOUND_PARAMETERS = [
  {
    name: 'inbound.http.port',
    type: 'integer',
    required: true,
    protocols: BOTH,
    meaning: 'The port the endpoint listens on (one endpoint per port).',
    readBy: LISTENER,
    check: checkInboundPort,
  },
  {
    name: 'dispatch.filter.pattern',
    type: 'string',
    protocols: BOTH,
    meaning:
      'A regular expression over the request URI: when set, a matching request goes to an API or proxy service of that path (else main), and any other request to main, not to the sequence.',
    readBy: `${HTTP}.InboundHttpServerWorker`,
    check: (pattern) => {
      try {
        dispatchFilterPattern(pattern);
        return undefined;
      } catch (e) {
        return {
          code: 'INBOUND_DISPATCH_PATTERN',
          message: `dispatch.filter.pattern is not a valid regular expression: ${(e as Error).message}`,
        };
      }
    },
  },
  {
    name: 'https.ssl.key.file',
    type: 'pemFile',
    required: true,
    protocols: SECURE,
    meaning: "The PEM file of the listener's private key (MI reads the Java key store of `keystore`).",
    readBy: MEDIATE_ONLY,
  },
  {
    name: 'https.ssl.cert.file',
    type: 'pemFile',
    required: true,
    protocols: SECURE,
    meaning: "The PEM file of the listener's certificate (chain).",
    readBy: MEDIATE_ONLY,
  },
  {
    name: 'https.ssl.cert.pass',
    type: 'string',
    protocols: SECURE,
    meaning: 'The passphrase of an encrypted private key.',
    readBy: MEDIATE_ONLY,
  },
  ...(
    [
      ['keystore', 'A Java key store (Mediate reads https.ssl.key.file and https.ssl.cert.file).', SECURE],
      ['truststore', 'A Java trust store for client certificates.', SECURE],
      ['SSLVerifyClient', 'Client certificate verification with a Java trust store.', SECURE],
      ['SSLProtocol', 'The JSSE protocol name.', SECURE],
      ['HttpsProtocols', 'The JSSE protocol versions.', SECURE],
      ['CertificateRevocationVerifier', 'OCSP/CRL checks of client certificates.', SECURE],
      ['PreferredCiphers', 'JSSE cipher suites.', SECURE],
      ['inbound.worker.pool.size.core', 'The Java worker pool.', BOTH],
      ['inbound.worker.pool.size.max', 'The Java worker pool.', BOTH],
      ['inbound.worker.thread.keep.alive.sec', 'The Java worker pool.', BOTH],
      ['inbound.worker.pool.queue.length', 'The Java worker pool.', BOTH],
      ['inbound.thread.group.id', 'The Java worker pool.', BOTH],
      ['inbound.thread.id', 'The Java worker pool.', BOTH],
    ] as const
  ).map(([name, meaning, protocols]) => ({
    name,
    type: 'string' as const,
    ignored: true as const,
    protocols,
    meaning,
    readBy: MANAGER,
  })),
] as const satisfies readonly ParameterDefinition[];

type Definition = (typeof HTTP_INBOUND_PARAMETERS)[number];

/** The parameters the runtime reads (all but the ignored ones). */
type Read = Exclude<Definition, { readonly ignored: true }>;

/** A parameter's value as the runtime uses it. */
type SettingOf<D extends Read> = D['type'] extends 'integer' ? number : string | undefined;

/** The HTTP inbound settings, by parameter name. */
export type HttpInboundSettings = { readonly [D in Read as D['name']]: SettingOf<D> };

/**
 * Reads an HTTP/HTTPS inbound endpoint's parameter rows as typed settings, once: text trimmed,
 * integers `Number(text)` (NaN when absent), absent strings undefined.
 */
export function httpInboundSettings(
  rows: readonly { readonly name: string; readonly value: string }[],
): HttpInboundSettings {
  const out: Record<string, string | number | undefined> = {};
  for (const p of HTTP_INBOUND_PARAMETERS as readonly ParameterDefinition[]) {
    if (p.ignored) continue;
    const text = rows.find((r) => r.name === p.name)?.value.trim();
    out[p.name] = p.type === 'integer' ? Number(text) : text === '' ? undefined : text;
  }
  return out as HttpInboundSettings;
}
