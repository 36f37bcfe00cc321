/**
 * Synapse reads its configuration by qualified name: MI's factories are found by the element's
 * namespace and local name (MediatorFactoryFinder, the artifact deployers), so an element that
 * is named like a Synapse element but is in another namespace, or in none, is not Synapse
 * configuration at all (MI: "Unknown mediator referenced by configuration element"). Mediate
 * reads elements by local name, so without this check such a file would be served although MI
 * refuses it.
 *
 * Checked where Synapse elements are expected: the artifact's root, every element on the way
 * from the root to a mediator list, every mediator (also the ones Mediate does not know), and
 * proxy and inbound parameters (not the root of an inbound endpoint or local entry: see below). Content that may hold any XML (a property's inline value, a
 * local entry's body, a proxy's WSDL) is not looked into.
 */
import { SYNAPSE_NS } from '../artifacts/artifact-parse.js';
import type { Artifact } from '../artifacts/artifact-types.js';
import type { MediatorNode } from '../mediators/mediator-types.js';
import { elementChildren, localName } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';
import type { ArtifactEmit } from '../artifacts/define-artifact.js';

type Scope = ReadonlyMap<string, string>;

/** The namespace of every element of the tree (by the declarations in scope where it stands). */
function namespaces(root: XmlElement): Map<XmlElement, string> {
  const out = new Map<XmlElement, string>();
  const walk = (el: XmlElement, inherited: Scope) => {
    let scope = inherited;
    for (const a of el.attributes) {
      if (a.name !== 'xmlns' && !a.name.startsWith('xmlns:')) continue;
      if (scope === inherited) scope = new Map(inherited);
      (scope as Map<string, string>).set(a.name === 'xmlns' ? '' : a.name.slice(6), a.value);
    }
    const colon = el.name.indexOf(':');
    out.set(el, scope.get(colon === -1 ? '' : el.name.slice(0, colon)) ?? '');
    for (const child of elementChildren(el)) walk(child, scope);
  };
  walk(root, new Map());
  return out;
}

/** Checks one artifact; each foreign element is reported once, where it starts. */
export function validateNamespaces(a: Artifact, emit: ArtifactEmit): void {
  const root = a.doc.root;
  const ns = namespaces(root);
  // InboundEndpointFactory and EntryFactory read only the root's attributes, never its name, so
  // MI deploys an <inboundEndpoint> or <localEntry> in no namespace (an inbound endpoint's
  // <parameters> must still be Synapse's: the factory looks them up by qualified name).
  const reported = new Set<XmlElement>(a.type === 'inboundEndpoint' || a.type === 'localEntry' ? [root] : []);
  const check = (el: XmlElement) => {
    if (reported.has(el)) return;
    reported.add(el);
    const uri = ns.get(el) ?? '';
    if (uri === SYNAPSE_NS) return;
    const where = uri ? `is in the namespace '${uri}'` : 'is in no namespace';
    emit(
      'error',
      'NOT_SYNAPSE_NAMESPACE',
      `<${el.name}> ${where}; MI reads Synapse configuration only in '${SYNAPSE_NS}' and would not know this element${el === root ? ` (declare xmlns="${SYNAPSE_NS}" on it)` : ''}.`,
      el,
    );
  };
  /** The root, then each element along `xmlPath` (element-child indices from the root). */
  const checkPath = (xmlPath: readonly number[]) => {
    let el: XmlElement | undefined = root;
    check(root);
    for (const i of xmlPath) {
      el = el ? elementChildren(el)[i] : undefined;
      if (!el) return;
      check(el);
    }
  };
  const checkMediators = (list: readonly MediatorNode[]) => {
    for (const m of list) {
      checkPath(m.xmlPath);
      for (const branch of Object.values(m.branches)) checkMediators(branch);
    }
  };
  check(root);
  if (a.type === 'unsupported') return;
  for (const list of a.lists) {
    checkPath(list.xmlPath);
    checkMediators(list.mediators);
  }
  // Parameters: the proxy's own, the inbound endpoint's under <parameters>.
  for (const child of elementChildren(root)) {
    const tag = localName(child.name);
    if (tag === 'parameter') check(child);
    if (tag === 'parameters') {
      check(child);
      for (const p of elementChildren(child)) if (localName(p.name) === 'parameter') check(p);
    }
  }
}
