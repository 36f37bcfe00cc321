/**
 * Project-level edits: replace an artifact's text, add, remove and rename artifacts, and change
 * artifact fields (proxy target, inbound parameters). All pure `(project, args) -> project`, like
 * the mediator edits.
 */
import { parseArtifact } from '../artifacts/artifact-parse.js';
import { nameAttribute, readArtifact } from '../artifacts/artifact-read.js';
import { artifactDefinition } from '../artifacts/artifact-table.js';
import type { Artifact } from '../artifacts/artifact-types.js';
import type { Diagnostic } from '../diagnostics.js';
import type { MediatorPath } from '../mediators/mediator-types.js';
import { artifactPath, type Project } from '../project/project.js';
import { freeInboundPort } from '../project/project-ports.js';
import {
  emptyElement,
  indentOfPath,
  insertElement,
  removeElement as removeChild,
  setAttribute as setAttr,
  setText,
  type Layout,
} from '../xml/xml-edit.js';
import { elementChildren, localName } from '../xml/xml-query.js';
import { serializeNode } from '../xml/xml-serialize.js';
import type { XmlElement } from '../xml/xml-types.js';
import { chainTo, prefixed, updateAt } from './edit-context.js';
import { artifactKey, findByKey, type SavedType } from './artifact-keys.js';
import { mediatorAtPath } from './mediator-lookup.js';

/** A new empty element named with its parent's namespace prefix. */
function newElement(parent: XmlElement, local: string): XmlElement {
  return emptyElement(prefixed(parent, local));
}

/** Appends a child element laid out like its siblings; `indent` is the parent's own indentation. */
function appendChild(parent: XmlElement, child: XmlElement, indent: string, layout: Layout): XmlElement {
  return insertElement(parent, elementChildren(parent).length, child, indent, layout);
}

/** The indentation of the element at an element path (root = ''). */
function indentOf(root: XmlElement, xmlPath: readonly number[]): string {
  return indentOfPath(chainTo(root, xmlPath));
}

/** Replaces one artifact of the project, by key. */
export function replaceArtifact(project: Project, key: string, next: Artifact): Project {
  return { ...project, artifacts: project.artifacts.map((a) => (artifactKey(a) === key ? next : a)) };
}

function withRoot(project: Project, key: string, fn: (root: XmlElement, a: Artifact) => XmlElement): Project {
  const a = findByKey(project.artifacts, key);
  if (!a) return project;
  const root = fn(a.doc.root, a);
  if (root === a.doc.root) return project;
  return replaceArtifact(project, key, readArtifact({ ...a.doc, root }, a.file));
}

/** The code of the draft a pasted `<definitions>` file becomes (the Source view offers to import it). */
export const DEFINITIONS_IN_EDITOR = 'DEFINITIONS_IN_EDITOR';

/** The result of reading source text typed by the user. */
export type TextResult = { ok: true; project: Project } | { ok: false; diagnostics: Diagnostic[] };

/** Re-reads an artifact from text; a parse error leaves the project alone and reports where. */
export function replaceArtifactText(project: Project, key: string, text: string): TextResult {
  const a = findByKey(project.artifacts, key);
  if (!a) return { ok: false, diagnostics: [] };
  const r = parseArtifact(text, a.file ?? '<input>');
  if (!r.artifact) return { ok: false, diagnostics: r.diagnostics };
  if (r.artifact.type === 'definitions')
    return {
      ok: false,
      diagnostics: [
        {
          severity: 'error',
          code: DEFINITIONS_IN_EDITOR,
          message:
            'A <definitions> file holds several artifacts, so it cannot replace this one: import them into the project instead.',
          artifact: a.name,
          line: 1,
          column: 1,
        },
      ],
    };
  const next = a.file ? { ...r.artifact, file: a.file } : r.artifact;
  return { ok: true, project: replaceArtifact(project, key, next) };
}

/**
 * Adds a new artifact from its definition's template; its key is the file it will be saved to. A
 * new inbound endpoint gets the first port from 9092 up that the project does not use yet.
 */
export function addArtifact(project: Project, type: SavedType, name: string): Project {
  const file = artifactPath(type, name);
  const text = artifactDefinition(type).template(name, { port: freeInboundPort(project) });
  const r = parseArtifact(text, file);
  if (!r.artifact || r.artifact.type === 'definitions') return project;
  return { ...project, artifacts: [...project.artifacts, { ...r.artifact, file }] };
}

/** Removes an artifact. */
export function removeArtifact(project: Project, key: string): Project {
  return { ...project, artifacts: project.artifacts.filter((a) => artifactKey(a) !== key) };
}

/** Renames an artifact (its definition's name attribute: `key` for a local entry); the save moves its file. */
export function renameArtifact(project: Project, key: string, name: string): Project {
  return withRoot(project, key, (root) => setAttr(root, nameAttribute(root), name));
}

/**
 * Sets an attribute on the root (`at` empty) or on a child element named by local names from the
 * root (`['target']`), creating missing elements.
 */
export function setArtifactAttribute(
  project: Project,
  key: string,
  at: readonly string[],
  attr: string,
  value: string | undefined,
): Project {
  return withRoot(project, key, (root, a) => {
    let r = root;
    const xmlPath: number[] = [];
    for (const name of at) {
      let i = elementChildren(childAt(r, xmlPath)).findIndex((c) => localName(c.name) === name);
      if (i === -1) {
        // Nothing to remove from an element that is not there.
        if (value === undefined) return root;
        const parentPath = [...xmlPath];
        const indent = indentOf(r, parentPath);
        r = updateAt(r, parentPath, (p) => appendChild(p, newElement(p, name), indent, a.layout));
        i = elementChildren(childAt(r, parentPath)).length - 1;
      }
      xmlPath.push(i);
    }
    return updateAt(r, xmlPath, (e) => setAttr(e, attr, value));
  });
}

/** Makes sure the element named by local names from the root exists (an inline inSequence). */
export function ensureElement(project: Project, key: string, at: readonly string[]): Project {
  return withRoot(project, key, (root, a) => {
    let r = root;
    const xmlPath: number[] = [];
    for (const name of at) {
      let i = elementChildren(childAt(r, xmlPath)).findIndex((c) => localName(c.name) === name);
      if (i === -1) {
        const parentPath = [...xmlPath];
        const indent = indentOf(r, parentPath);
        r = updateAt(r, parentPath, (p) => appendChild(p, newElement(p, name), indent, a.layout));
        i = elementChildren(childAt(r, parentPath)).length - 1;
      }
      xmlPath.push(i);
    }
    return r;
  });
}

function childAt(root: XmlElement, xmlPath: readonly number[]): XmlElement {
  let el = root;
  for (const i of xmlPath) el = elementChildren(el)[i] ?? el;
  return el;
}

/** One `<parameter name="…">value</parameter>` row. */
export interface ParameterRow {
  readonly name: string;
  readonly value: string;
}

/**
 * Writes an inbound endpoint's (`parameters` wrapper) or a proxy's (no wrapper) parameter rows:
 * rows that kept their name and value are left as written.
 */
export function setParameters(
  project: Project,
  key: string,
  rows: readonly ParameterRow[],
  wrapper: 'parameters' | undefined,
): Project {
  return withRoot(project, key, (root, a) => {
    let r = root;
    let holderPath: number[] = [];
    if (wrapper) {
      let i = elementChildren(r).findIndex((c) => localName(c.name) === wrapper);
      if (i === -1) {
        r = appendChild(r, newElement(r, wrapper), '', a.layout);
        i = elementChildren(r).length - 1;
      }
      holderPath = [i];
    }
    const indent = indentOf(r, holderPath);
    return updateAt(r, holderPath, (holder) => {
      let h = holder;
      const params = () =>
        elementChildren(h).flatMap((c, i) => (localName(c.name) === 'parameter' ? [i] : []));
      for (const i of params().reverse()) {
        const el = elementChildren(h)[i] as XmlElement;
        const row = rows.find((x) => x.name === el.attributes.find((t) => t.name === 'name')?.value);
        if (!row) h = removeChild(h, i);
      }
      for (const row of rows) {
        const i = params().find((k) =>
          elementChildren(h)[k]?.attributes.some((t) => t.name === 'name' && t.value === row.name),
        );
        if (i !== undefined) {
          const el = elementChildren(h)[i] as XmlElement;
          if (elementChildren(el).length === 0 && textOf(el) !== row.value)
            h = updateAt(h, [i], (e) => setText(e, row.value));
        } else {
          h = appendChild(
            h,
            setText(setAttr(newElement(h, 'parameter'), 'name', row.name), row.value),
            indent,
            a.layout,
          );
        }
      }
      return h;
    });
  });
}

function textOf(el: XmlElement): string {
  return el.children
    .map((c) => (c.type === 'text' || c.type === 'cdata' ? c.value : ''))
    .join('')
    .trim();
}

/**
 * A mediator's XML for the clipboard, re-based to column 0 and four-space units (what the
 * engine's insert expects of a fragment).
 */
export function mediatorFragment(artifact: Artifact, path: MediatorPath): string | undefined {
  const m = mediatorAtPath(artifact, path);
  if (!m) return undefined;
  const base = indentOf(artifact.doc.root, m.xmlPath);
  const unit = artifact.layout.unit;
  return serializeNode(m.element)
    .split(/\r?\n/)
    .map((line, i) => {
      if (i === 0) return line;
      const rest = line.startsWith(base) ? line.slice(base.length) : line.trimStart();
      let n = 0;
      while (unit && rest.startsWith(unit.repeat(n + 1))) n++;
      return '    '.repeat(n) + rest.slice(unit.length * n);
    })
    .join('\n');
}
