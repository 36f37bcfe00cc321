/** Project files the suites write for a runtime under test. */

/**
 * `deployment.toml` putting the HTTP listener on `httpPort` and the HTTPS one on `httpsPort`
 * (it starts only when `extra` gives it a key and certificate), with `extra` (more sections,
 * e.g. `[mediate.limits]`) appended.
 */
export function tomlFor(httpPort: number, extra = '', httpsPort = httpPort + 1): string {
  return `[server]\noffset = 0\n\n[transport.http]\nlistener.port = ${httpPort}\nlistener.secured_port = ${httpsPort}\n\n${extra}\n`;
}
