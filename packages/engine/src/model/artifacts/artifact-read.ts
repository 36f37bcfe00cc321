/**
 * Derives typed artifacts from XML documents.
 */
import { readEndpoint } from '../mediators/endpoint-read.js';
import { readMediatorList } from '../mediators/mediator-read.js';
import type { MediatorList } from '../mediators/mediator-types.js';
import { detectLayout } from '../xml/xml-edit.js';
import { attribute, childElement, elementChildren, localName, textContent } from '../xml/xml-query.js';
import type { XmlDocument, XmlElement } from '../xml/xml-types.js';
import type { ApiResource, Artifact, InboundParameter, ProxyTarget } from './artifact-types.js';

const INLINE_SEQUENCES = ['inSequence', 'outSequence', 'faultSequence'] as const;

/** The name an artifact root carries (`key` for local entries). */
export function artifactName(root: XmlElement): string {
  const tag = localName(root.name);
  return (tag === 'localEntry' ? attribute(root, 'key') : attribute(root, 'name')) ?? '';
}

/** Reads an artifact from a document whose root is an artifact element (not `definitions`). */
export function readArtifact(doc: XmlDocument, file?: string): Artifact {
  const root = doc.root;
  const tag = localName(root.name);
  const base = { name: artifactName(root), doc, layout: detectLayout(root), ...(file ? { file } : {}) };
  switch (tag) {
    case 'sequence': {
      const desc = childElement(root, 'description');
      const lists: MediatorList[] = [
        {
          key: 'sequence',
          label: 'Sequence',
          xmlPath: [],
          mediators: readMediatorList(root, [], ['sequence'], new Set(['description'])),
        },
      ];
      return {
        ...base,
        type: 'sequence',
        lists,
        onError: attribute(root, 'onError'),
        description: desc ? textContent(desc).trim() : undefined,
      };
    }
    case 'proxy':
      return readProxy(root, base);
    case 'api':
      return readApi(root, base);
    case 'inboundEndpoint':
      return readInbound(root, base);
    case 'endpoint':
      return { ...base, type: 'endpoint', lists: [], endpoint: readEndpoint(root) };
    case 'localEntry':
      return { ...base, type: 'localEntry', lists: [], src: attribute(root, 'src') };
    default:
      return { ...base, type: 'unsupported', lists: [], rootTag: tag };
  }
}

type Base = Pick<Artifact, 'name' | 'doc' | 'layout' | 'file'>;

/** Inline in/out/fault sequences of an element, as lists keyed `${prefix}inSequence`. */
function inlineLists(owner: XmlElement, ownerPath: readonly number[], prefix: string): MediatorList[] {
  const lists: MediatorList[] = [];
  elementChildren(owner).forEach((child, i) => {
    const tag = localName(child.name);
    if (!(INLINE_SEQUENCES as readonly string[]).includes(tag)) return;
    const key = `${prefix}${tag}`;
    const xmlPath = [...ownerPath, i];
    lists.push({ key, label: tag, xmlPath, mediators: readMediatorList(child, xmlPath, [key]) });
  });
  return lists;
}

function readProxy(root: XmlElement, base: Base): Artifact {
  const kids = elementChildren(root);
  const targetIndex = kids.findIndex((c) => localName(c.name) === 'target');
  const targetEl = kids[targetIndex];
  let target: ProxyTarget | undefined;
  let lists: MediatorList[] = [];
  if (targetEl) {
    lists = inlineLists(targetEl, [targetIndex], '');
    const ep = childElement(targetEl, 'endpoint');
    const has = (k: string) => lists.some((l) => l.key === k);
    target = {
      inSequence: attribute(targetEl, 'inSequence'),
      outSequence: attribute(targetEl, 'outSequence'),
      faultSequence: attribute(targetEl, 'faultSequence'),
      endpointKey: attribute(targetEl, 'endpoint'),
      endpoint: ep ? readEndpoint(ep) : undefined,
      hasInline: {
        inSequence: has('inSequence'),
        outSequence: has('outSequence'),
        faultSequence: has('faultSequence'),
      },
    };
  }
  const transports = (attribute(root, 'transports') ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((t) => t.toLowerCase());
  return {
    ...base,
    type: 'proxy',
    lists,
    transports: transports.includes('all') ? [] : transports,
    startOnLoad: (attribute(root, 'startOnLoad') ?? 'true').toLowerCase() !== 'false',
    target,
    parameters: kids
      .filter((c) => localName(c.name) === 'parameter')
      .map((p) => ({ name: attribute(p, 'name') ?? '', value: textContent(p).trim() })),
  };
}

function readApi(root: XmlElement, base: Base): Artifact {
  const lists: MediatorList[] = [];
  const resources: ApiResource[] = [];
  elementChildren(root).forEach((el, i) => {
    if (localName(el.name) !== 'resource') return;
    const n = resources.length;
    const own = inlineLists(el, [i], `resource.${n}.`);
    lists.push(...own);
    const keyOf = (k: string) => own.find((l) => l.key.endsWith(`.${k}`))?.key;
    resources.push({
      methods: (attribute(el, 'methods') ?? '').split(/\s+/).filter(Boolean),
      uriTemplate: attribute(el, 'uri-template'),
      urlMapping: attribute(el, 'url-mapping'),
      inSequence: attribute(el, 'inSequence'),
      outSequence: attribute(el, 'outSequence'),
      faultSequence: attribute(el, 'faultSequence'),
      listKeys: {
        inSequence: keyOf('inSequence'),
        outSequence: keyOf('outSequence'),
        faultSequence: keyOf('faultSequence'),
      },
    });
  });
  return {
    ...base,
    type: 'api',
    lists,
    context: attribute(root, 'context'),
    version: attribute(root, 'version'),
    versionType: attribute(root, 'version-type'),
    resources,
  };
}

function readInbound(root: XmlElement, base: Base): Artifact {
  const params = childElement(root, 'parameters');
  const parameters: InboundParameter[] = params
    ? elementChildren(params)
        .filter((p) => localName(p.name) === 'parameter')
        .map((p) => {
          const key = attribute(p, 'key');
          const inner = elementChildren(p)[0];
          const value = inner ? '' : textContent(p).trim();
          return { name: attribute(p, 'name') ?? '', value, ...(key ? { key } : {}) };
        })
    : [];
  return {
    ...base,
    type: 'inboundEndpoint',
    lists: [],
    protocol: attribute(root, 'protocol'),
    className: attribute(root, 'class'),
    sequence: attribute(root, 'sequence'),
    onError: attribute(root, 'onError'),
    suspend: (attribute(root, 'suspend') ?? 'false').toLowerCase() === 'true',
    parameters,
  };
}
