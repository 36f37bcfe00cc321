/**
 * Where one artifact names another, and how a rename rewrites it: the references to a sequence,
 * an endpoint or a local entry inside one artifact's XML. Every rewrite sets one attribute or one
 * text value with the lossless edit helpers, so the rest of the file stays byte for byte.
 *
 * - a sequence: a proxy target's `inSequence`/`outSequence`/`faultSequence`, an API resource's
 *   same three, an inbound endpoint's `sequence` and `onError` and its parameters
 *   `ws.outflow.dispatch.sequence`/`ws.outflow.dispatch.fault.sequence`, `onError` of a sequence
 *   (named or inline), and every catalog field typed `sequence` (`<sequence key>`, send's
 *   `receive`);
 * - an endpoint: a proxy target's `endpoint`, `<endpoint key>` wherever an endpoint is written
 *   (send and call, a proxy target, failover and load-balance members), and catalog fields typed
 *   `endpoint`;
 * - a local entry: an inbound parameter's `key`, and a proxy's `publishWSDL`, its `resource` and
 *   `policy` keys;
 * - a message store: catalog fields typed `messageStore` (the store mediator's `messageStore`) and
 *   a store's `store.failover.message.store.name` parameter.
 *
 * Dynamic references (`{…}` expressions, `key-expression`) name no artifact and are left alone.
 */
import type { Artifact, ArtifactType } from '../artifacts/artifact-types.js';
import { definitionForTag, isAttributeField, type Field } from '../catalog/index.js';
import { ENDPOINT_KINDS } from '../mediators/endpoint-read.js';
import type { MediatorNode } from '../mediators/mediator-types.js';
import { formatPath } from '../mediators/mediator-types.js';
import { setAttribute, setText } from '../xml/xml-edit.js';
import { attribute, elementChildren, localName } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';
import { updateAt } from './edit-context.js';

/** The artifact types other artifacts refer to by name. */
export type ReferencedType = Extract<
  ArtifactType,
  'sequence' | 'endpoint' | 'localEntry' | 'template' | 'messageStore'
>;

const INLINE_SEQUENCES = ['inSequence', 'outSequence', 'faultSequence'] as const;
const OUTFLOW_PARAMETERS = ['ws.outflow.dispatch.sequence', 'ws.outflow.dispatch.fault.sequence'];

/** Rewrites one artifact's root, remembering what it changed. */
class Rewriter {
  root: XmlElement;
  readonly changed: string[] = [];

  constructor(
    root: XmlElement,
    readonly from: string,
    readonly to: string,
  ) {
    this.root = root;
  }

  /** Sets `attr` on the element at `xmlPath` when it names `from`. */
  attr(xmlPath: readonly number[], el: XmlElement, attr: string, what: string): void {
    if (attribute(el, attr) !== this.from) return;
    this.root = updateAt(this.root, xmlPath, (e) => setAttribute(e, attr, this.to));
    this.changed.push(what);
  }

  /** Replaces the text of the element at `xmlPath` when it is `from` (white space around kept). */
  text(xmlPath: readonly number[], el: XmlElement, what: string): void {
    const only = el.children.length === 1 ? el.children[0] : undefined;
    if (only?.type !== 'text' || only.value.trim() !== this.from) return;
    const lead = /^\s*/.exec(only.raw)?.[0] ?? '';
    const trail = /\s*$/.exec(only.raw)?.[0] ?? '';
    const inner = only.raw.slice(lead.length, only.raw.length - trail.length);
    this.root = updateAt(this.root, xmlPath, (e) =>
      // Written as plain text (names have nothing to escape); a spelling with references is replaced whole.
      inner === this.from
        ? {
            ...e,
            children: [
              { type: 'text', value: `${lead}${this.to}${trail}`, raw: `${lead}${this.to}${trail}` },
            ],
          }
        : setText(e, this.to),
    );
    this.changed.push(what);
  }

  /** `<endpoint key>` here and in the members of a failover, load-balance or recipient list. */
  endpointTree(xmlPath: readonly number[], el: XmlElement, what: string): void {
    this.attr(xmlPath, el, 'key', what);
    elementChildren(el).forEach((kind, i) => {
      if (!(ENDPOINT_KINDS as readonly string[]).includes(localName(kind.name))) return;
      elementChildren(kind).forEach((member, j) => {
        if (localName(member.name) === 'endpoint')
          this.endpointTree([...xmlPath, i, j], member, `${what} member endpoint`);
      });
    });
  }
}

/** Each child element with its element-child index. */
function children(el: XmlElement): [XmlElement, number][] {
  return elementChildren(el).map((c, i) => [c, i]);
}

/** Catalog fields of the referenced type in one mediator (and its `<child>`/list rows). */
function mediatorFields(w: Rewriter, m: MediatorNode, type: ReferencedType, at: string): void {
  const def = m.kind === 'raw' ? undefined : definitionForTag(m.tag);
  if (!def) return;
  const scalar =
    type === 'sequence'
      ? 'sequence'
      : type === 'endpoint'
        ? 'endpoint'
        : type === 'template'
          ? 'template'
          : type === 'messageStore'
            ? 'messageStore'
            : undefined;
  const attrs = (fields: readonly Field[], xmlPath: readonly number[], el: XmlElement, tag: string) => {
    for (const f of fields)
      if (isAttributeField(f) && f.type === scalar) {
        const name = f.attribute ?? f.key;
        w.attr(xmlPath, el, name, `<${tag} ${name}> at ${at}`);
      }
  };
  attrs(def.fields, m.xmlPath, m.element, m.tag);
  for (const f of def.fields) {
    if (f.type === 'child' || f.type === 'list')
      for (const [c, i] of children(m.element))
        if (localName(c.name) === f.element) attrs(f.fields, [...m.xmlPath, i], c, f.element);
    // An inline <endpoint> in a list row (clone's <target><endpoint key=…/>).
    if (f.type === 'list' && f.endpoint && type === 'endpoint')
      for (const [row, i] of children(m.element)) {
        if (localName(row.name) !== f.element) continue;
        for (const [c, j] of children(row))
          if (localName(c.name) === 'endpoint')
            w.endpointTree([...m.xmlPath, i, j], c, `<${f.element}> endpoint at ${at}`);
      }
    if (f.type === 'endpointChild' && type === 'endpoint')
      for (const [c, i] of children(m.element))
        if (localName(c.name) === 'endpoint')
          w.endpointTree([...m.xmlPath, i], c, `<${m.tag}> endpoint at ${at}`);
  }
  for (const branch of Object.values(m.branches))
    for (const child of branch) mediatorFields(w, child, type, formatPath(child.path));
}

/** Sequence references held by the artifact itself (not by its mediators). */
function artifactSequenceRefs(w: Rewriter, a: Artifact): void {
  const root = w.root;
  const inline = (el: XmlElement, xmlPath: readonly number[], owner: string) => {
    for (const [c, i] of children(el))
      if ((INLINE_SEQUENCES as readonly string[]).includes(localName(c.name)))
        w.attr([...xmlPath, i], c, 'onError', `${owner} ${localName(c.name)} onError`);
  };
  switch (a.type) {
    case 'sequence':
    case 'template':
      w.attr([], root, 'onError', 'onError');
      break;
    case 'proxy':
      for (const [t, i] of children(root)) {
        if (localName(t.name) !== 'target') continue;
        for (const s of INLINE_SEQUENCES) w.attr([i], t, s, `target ${s}`);
        inline(t, [i], 'target');
      }
      break;
    case 'api': {
      let n = 0;
      for (const [r, i] of children(root)) {
        if (localName(r.name) !== 'resource') continue;
        n++;
        for (const s of INLINE_SEQUENCES) w.attr([i], r, s, `resource #${n} ${s}`);
        inline(r, [i], `resource #${n}`);
      }
      break;
    }
    case 'inboundEndpoint':
      w.attr([], root, 'sequence', 'sequence');
      w.attr([], root, 'onError', 'onError');
      for (const [p, i, j] of inboundParameters(root))
        if (OUTFLOW_PARAMETERS.includes(attribute(p, 'name') ?? ''))
          w.text([i, j], p, `parameter ${attribute(p, 'name')}`);
      break;
    default:
      break;
  }
}

/** `<parameters><parameter/>…` of an inbound endpoint, with their element paths. */
function inboundParameters(root: XmlElement): [XmlElement, number, number][] {
  const out: [XmlElement, number, number][] = [];
  for (const [ps, i] of children(root))
    if (localName(ps.name) === 'parameters')
      for (const [p, j] of children(ps)) if (localName(p.name) === 'parameter') out.push([p, i, j]);
  return out;
}

function artifactEndpointRefs(w: Rewriter, a: Artifact): void {
  const root = w.root;
  if (a.type === 'endpoint') w.endpointTree([], root, 'endpoint');
  if (a.type !== 'proxy') return;
  for (const [t, i] of children(root)) {
    if (localName(t.name) !== 'target') continue;
    w.attr([i], t, 'endpoint', 'target endpoint');
    for (const [e, j] of children(t))
      if (localName(e.name) === 'endpoint') w.endpointTree([i, j], e, 'target endpoint');
  }
}

function artifactEntryRefs(w: Rewriter, a: Artifact): void {
  const root = w.root;
  if (a.type === 'inboundEndpoint')
    for (const [p, i, j] of inboundParameters(root))
      w.attr([i, j], p, 'key', `parameter ${attribute(p, 'name')} key`);
  if (a.type !== 'proxy') return;
  for (const [c, i] of children(root)) {
    const tag = localName(c.name);
    if (tag === 'policy') w.attr([i], c, 'key', 'policy key');
    if (tag !== 'publishWSDL') continue;
    w.attr([i], c, 'key', 'publishWSDL key');
    for (const [r, j] of children(c))
      if (localName(r.name) === 'resource') w.attr([i, j], r, 'key', 'publishWSDL resource key');
  }
}

/**
 * The artifact's root with every reference to the `type` artifact `from` renamed to `to`, and a
 * word on each (`target inSequence`, `<sequence> at sequence/2`). The root is the same object
 * when nothing names it.
 */
export function renameReferences(
  a: Artifact,
  type: ReferencedType,
  from: string,
  to: string,
): { root: XmlElement; changed: readonly string[] } {
  const w = new Rewriter(a.doc.root, from, to);
  if (a.type === 'unsupported') return { root: w.root, changed: w.changed };
  if (type === 'sequence') artifactSequenceRefs(w, a);
  if (type === 'endpoint') artifactEndpointRefs(w, a);
  if (type === 'localEntry') artifactEntryRefs(w, a);
  if (type === 'messageStore' && a.type === 'messageStore')
    for (const [p, i] of children(w.root))
      if (localName(p.name) === 'parameter' && attribute(p, 'name') === 'store.failover.message.store.name')
        w.text([i], p, 'parameter store.failover.message.store.name');
  for (const list of a.lists) for (const m of list.mediators) mediatorFields(w, m, type, formatPath(m.path));
  return { root: w.root, changed: w.changed };
}
