/**
 * Compares artifacts by what they mean, using the engine's own reader (`parseArtifact`), not by
 * text or screenshot.
 *
 * What is compared: the artifact type and name; its own fields (a sequence's onError and
 * description; a proxy's transports, startOnLoad, target sequences and endpoint, parameters, and
 * its statistics/trace attributes); and every mediator list as a tree: each mediator's kind (in
 * order), all its field values as the catalog reads them, and its nested branches, recursively.
 *
 * Differences that are allowed, because the XML means the same and Synapse reads it the same:
 * - whitespace and indentation (the seed's files are indented irregularly; the studio indents
 *   new elements like their siblings), line endings;
 * - attribute order (the inspector adds `scope`/`type` after `value`; the seed has them before)
 *   and where `xmlns` sits on the root;
 * - the XML declaration (the studio's new-file template writes `<?xml version="1.0" …?>`; the
 *   seed's files have none);
 * - an empty `<description/>` in the proxy: it carries no text, and the form has no field for it.
 *   A description with text would be compared.
 */
import { expect } from '@playwright/test';
import {
  attribute,
  childElement,
  elementChildren,
  localName,
  parseArtifact,
  textContent,
  type Artifact,
  type MediatorNode,
} from '@mediate/engine';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Plain data with keys sorted and undefined dropped, so equal meaning is deep-equal. */
function plain(v: unknown): Json {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object') {
    const out: { [k: string]: Json } = {};
    for (const k of Object.keys(v as object).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = plain(x);
    }
    return out;
  }
  return v as Json;
}

function mediator(m: MediatorNode): Json {
  return plain({
    kind: m.kind,
    tag: m.tag,
    values: m.values,
    branches: Object.fromEntries(Object.entries(m.branches).map(([k, list]) => [k, list.map(mediator)])),
  });
}

/** Parses `xml` with the engine and returns what it means, as comparable data. */
export function meaning(xml: string, file: string): Json {
  const { artifact, diagnostics } = parseArtifact(xml, file);
  expect(diagnostics, `${file} parses`).toEqual([]);
  if (!artifact || artifact.type === 'definitions') throw new Error(`${file}: not a single artifact`);
  const a: Artifact = artifact;
  const own: Record<string, unknown> = {};
  if (a.type === 'sequence') Object.assign(own, { onError: a.onError, description: a.description });
  if (a.type === 'proxy') {
    const description = childElement(a.doc.root, 'description');
    Object.assign(own, {
      transports: a.transports,
      startOnLoad: a.startOnLoad,
      target: a.target,
      parameters: a.parameters,
      statistics: attribute(a.doc.root, 'statistics'),
      trace: attribute(a.doc.root, 'trace'),
      // An empty <description/> and none at all mean the same.
      description: description ? textContent(description).trim() || undefined : undefined,
      // Any other child element (policy, publishWSDL, …) must be the same too.
      children: elementChildren(a.doc.root)
        .map((c) => localName(c.name))
        .filter((n) => n !== 'description'),
    });
  }
  return plain({
    type: a.type,
    name: a.name,
    own,
    lists: a.lists.map((l) => ({ key: l.key, mediators: l.mediators.map(mediator) })),
  });
}

/** Expects `actual` (from the studio) to mean what `expected` (the seed's file) means. */
export function expectSameArtifact(actual: string, expected: string, what: string): void {
  expect(meaning(actual, what), `${what}: mediator tree and fields`).toEqual(
    meaning(expected, `${what} (seed)`),
  );
}
