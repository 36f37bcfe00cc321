/** Project files the suites write for a runtime under test. */

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

/**
 * `deployment.toml` putting the HTTP listener on `httpPort` and the HTTPS one on `httpsPort`
 * (it starts only when `extra` gives it a key and certificate), with `extra` (more sections,
 * e.g. `[mediate.limits]`) appended.
 */
export function tomlFor(httpPort: number, extra = '', httpsPort = httpPort + 1): string {
  return `[server]\noffset = 0\n\n[transport.http]\nlistener.port = ${httpPort}\nlistener.secured_port = ${httpsPort}\n\n${extra}\n`;
}

/** A named sequence holding `body` (by default one simple log). */
export function sequenceXml(name: string, body = '<log level="simple"/>'): string {
  return `<sequence name="${name}" ${NS}>\n  ${body}\n</sequence>\n`;
}
