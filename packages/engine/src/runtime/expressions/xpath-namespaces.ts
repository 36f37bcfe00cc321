/**
 * Prefix resolution for one compiled XPath: the mediator element's in-scope declarations, the
 * `soapenv`/`soap` defaults, and stand-in URIs for the variable prefixes (`$ctx:`…) and for
 * prefixes that are declared nowhere, which the `xpath` package would otherwise reject.
 */
import type { NamespaceResolver } from './xpath-library.js';
import { VARIABLE_PREFIXES } from './xpath-variables.js';

const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

// Stand-ins never match an element: no message uses these URIs.
const VARIABLE_NS = 'urn:mediate:xpath-variable:';
const UNDECLARED_NS = 'urn:mediate:undeclared-prefix:';

/** True for the stand-in URI of an undeclared prefix. */
export function isUndeclared(uri: string): boolean {
  return uri.startsWith(UNDECLARED_NS);
}

/** The prefixes an XPath may use and what they resolve to. */
export interface XPathNamespaces {
  /** Declared prefixes (with the defaults and `xml`), for checking name tests. */
  readonly declared: ReadonlyMap<string, string>;
  /** The URI the resolver gives for a prefix (a stand-in when it is not declared). */
  uriOf(prefix: string): string;
  readonly resolver: NamespaceResolver;
}

/** Builds the prefix table once, at compile time. */
export function xpathNamespaces(namespaces: Readonly<Record<string, string>>): XPathNamespaces {
  const declared = new Map<string, string>([
    ['soapenv', SOAP11_NS],
    ['soap', SOAP11_NS],
  ]);
  for (const [prefix, uri] of Object.entries(namespaces)) if (prefix) declared.set(prefix, uri);
  declared.set('xml', XML_NS);

  const table = new Map<string, string>();
  for (const p of VARIABLE_PREFIXES) table.set(p, VARIABLE_NS + p);
  for (const [p, uri] of declared) table.set(p, uri);

  const uriOf = (prefix: string): string => table.get(prefix) ?? UNDECLARED_NS + prefix;
  return { declared, uriOf, resolver: { getNamespace: (prefix) => uriOf(prefix) } };
}
