/**
 * Catalog-driven checks of mediators: required fields, enum and boolean values, expression
 * syntax, regexes, references, and each definition's own cross-field rules.
 */
import {
  definitionForTag,
  isDynamic,
  parseDynamic,
  type AttributeField,
  type EndpointValue,
  type Field,
  type ListRow,
  type MediatorDefinition,
  type RuleContext,
} from '../catalog/index.js';
import type { Diagnostic, Severity } from '../diagnostics.js';
import { checkExpression } from '../expressions/expression-check.js';
import { javaRegex } from '../expressions/java-regex.js';
import { readEndpoint } from '../mediators/endpoint-read.js';
import { branchListsOf } from '../mediators/branch-lists.js';
import type { MediatorNode } from '../mediators/mediator-types.js';
import { elementChildren, localName, namespaceOf } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';

/** What a check needs to know about the rest of the project. */
export interface ReferenceIndex {
  readonly sequences: ReadonlySet<string>;
  readonly endpoints: ReadonlySet<string>;
  /** Keys of the project's local entries. */
  readonly localEntries: ReadonlySet<string>;
  /** Names of the project's sequence templates (absent: none). */
  readonly templates?: ReadonlySet<string>;
  /** Names of the project's message stores (absent: none). */
  readonly messageStores?: ReadonlySet<string>;
}

/** Sequences that exist even when the project does not define them. */
export const BUILT_IN_SEQUENCES: ReadonlySet<string> = new Set(['main', 'fault']);

/** The field types that name another artifact of the project, and how a missing one is reported. */
const REFERENCES = {
  sequence: { names: (r: ReferenceIndex) => r.sequences, code: 'REF_SEQUENCE_MISSING', noun: 'sequence' },
  localEntry: {
    names: (r: ReferenceIndex) => r.localEntries,
    code: 'REF_LOCAL_ENTRY_MISSING',
    noun: 'local entry',
  },
  template: {
    names: (r: ReferenceIndex) => r.templates ?? new Set<string>(),
    code: 'REF_TEMPLATE_MISSING',
    noun: 'sequence template',
  },
  messageStore: {
    names: (r: ReferenceIndex) => r.messageStores ?? new Set<string>(),
    code: 'REF_MESSAGE_STORE_MISSING',
    noun: 'message store',
  },
} as const;

/** URI schemes the runtime can send to. */
export const SUPPORTED_SCHEMES = ['ws', 'wss', 'http', 'https'] as const;

type Emit = (severity: Severity, code: string, message: string, el: XmlElement, field?: string) => void;

/**
 * The warning for an endpoint key nothing in the project defines: MI deploys it and fails each
 * send to it at run time (IndirectEndpoint: "Couldn't find the endpoint with the key"), so the
 * rest of the project still runs; Mediate does the same.
 */
function missingEndpoint(what: string): string {
  return `${what} does not exist in this project; a message sent to it faults at run time (as in MI).`;
}

/** Checks an endpoint value (inline or reference) and reports through `emit`. */
export function checkEndpoint(
  ep: EndpointValue,
  el: XmlElement,
  refs: ReferenceIndex,
  emit: Emit,
  field?: string,
): void {
  if (ep.key !== undefined) {
    if (!isDynamic(ep.key) && !refs.endpoints.has(ep.key)) {
      emit('warning', 'REF_ENDPOINT_MISSING', missingEndpoint(`Endpoint '${ep.key}'`), el, field);
    }
    return;
  }
  if (ep.kind === 'address' || ep.kind === 'http') {
    const uri = ep.uri ?? '';
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
    if (!uri) emit('error', 'ENDPOINT_NO_URI', `The <${ep.kind}> endpoint needs a uri.`, el, field);
    else if (!uri.includes('{') && (!scheme || !(SUPPORTED_SCHEMES as readonly string[]).includes(scheme))) {
      // MI deploys an address whose transport is not enabled and fails each send to it
      // ("cannot infer the transport information"); so does Mediate, for schemes it has no
      // transport for.
      emit(
        'warning',
        'ENDPOINT_SCHEME',
        `Endpoint URI '${uri}': Mediate has no ${scheme ?? 'such'} transport (it sends over ws, wss, http and https); a message sent to it faults at run time.`,
        el,
        field,
      );
    }
  } else if (ep.kind === undefined) {
    emit('error', 'ENDPOINT_EMPTY', 'The endpoint has neither a key nor an address.', el, field);
  } else {
    emit(
      'warning',
      'ENDPOINT_KIND_UNSUPPORTED',
      `<${ep.kind}> endpoints are kept but not run by Mediate yet.`,
      el,
      field,
    );
  }
}

function checkScalar(
  f: AttributeField,
  value: string,
  where: string,
  el: XmlElement,
  refs: ReferenceIndex,
  emit: Emit,
): void {
  const trimmed = value.trim();
  const dynamic = f.dynamic ? parseDynamic(value) : undefined;
  if (dynamic?.kind === 'expression') {
    const p = checkExpression(dynamic.source);
    if (p) emit('error', 'EXPRESSION_SYNTAX', `${where}: ${p}`, el, f.key);
    return;
  }
  switch (f.type) {
    case 'enum': {
      const values = f.values ?? [];
      const ok = f.caseInsensitive ? values.includes(trimmed.toUpperCase()) : values.includes(value);
      if (!ok)
        emit(
          'error',
          'ENUM_VALUE',
          `${where} is '${value}'; expected one of ${values.join(', ')}.`,
          el,
          f.key,
        );
      break;
    }
    case 'boolean':
      if (!/^(true|false)$/i.test(trimmed))
        emit('error', 'BOOLEAN_VALUE', `${where} is '${value}'; expected true or false.`, el, f.key);
      break;
    case 'integer':
      if (!/^-?\d+$/.test(trimmed))
        emit('error', 'INTEGER_VALUE', `${where} is '${value}'; expected a whole number.`, el, f.key);
      else if (Number(trimmed) < 0)
        emit('error', 'INTEGER_VALUE', `${where} may not be negative.`, el, f.key);
      break;
    case 'expression': {
      const p = checkExpression(value);
      if (p) emit('error', 'EXPRESSION_SYNTAX', `${where}: ${p}`, el, f.key);
      break;
    }
    case 'regex':
      try {
        javaRegex(value);
      } catch (e) {
        emit(
          'error',
          'REGEX_SYNTAX',
          `${where} is not a valid regular expression: ${(e as Error).message}`,
          el,
          f.key,
        );
      }
      break;
    case 'sequence':
    case 'localEntry':
    case 'template':
    case 'messageStore': {
      const ref = REFERENCES[f.type];
      const known =
        ref.names(refs).has(trimmed) || (f.type === 'sequence' && BUILT_IN_SEQUENCES.has(trimmed));
      if (!known)
        emit(
          'error',
          ref.code,
          `${where} names ${ref.noun} '${trimmed}', which does not exist in this project.`,
          el,
          f.key,
        );
      break;
    }
    case 'endpoint':
      if (!refs.endpoints.has(trimmed)) {
        emit(
          'warning',
          'REF_ENDPOINT_MISSING',
          missingEndpoint(`${where} names endpoint '${trimmed}', which`),
          el,
          f.key,
        );
      }
      break;
    default:
      break;
  }
}

/** Checks the inline `<endpoint>` of each `element` row of `el`, located at that row. */
function checkRowEndpoints(
  element: string,
  el: XmlElement,
  refs: ReferenceIndex,
  emit: Emit,
  field: string,
): void {
  for (const row of elementChildren(el)) {
    if (localName(row.name) !== element) continue;
    const ep = elementChildren(row).find((c) => localName(c.name) === 'endpoint');
    if (ep) checkEndpoint(readEndpoint(ep), ep, refs, emit, field);
  }
}

function checkFields(
  fields: readonly Field[],
  values: Readonly<Record<string, unknown>>,
  label: string,
  el: XmlElement,
  refs: ReferenceIndex,
  emit: Emit,
): void {
  for (const f of fields) {
    const v = values[f.key];
    if (f.type === 'list') {
      const rowEls = elementChildren(el).filter((c) => localName(c.name) === f.element);
      for (const [i, row] of ((v ?? []) as readonly ListRow[]).entries()) {
        const rowEl = rowEls[i];
        const kept = f.fields.filter(
          (x) =>
            !x.ignoredWithChild ||
            !rowEl ||
            !elementChildren(rowEl).some((c) => localName(c.name) === x.ignoredWithChild),
        );
        checkFields(kept, row, `${label} ${f.label.toLowerCase()} #${i + 1}`, el, refs, emit);
      }
      if (f.endpoint) checkRowEndpoints(f.element, el, refs, emit, f.key);
      continue;
    }
    if (f.type === 'child') {
      // As for list rows: an attribute the child's own element makes meaningless is not checked.
      const childEl = elementChildren(el).find((c) => localName(c.name) === f.element);
      const kept = f.fields.filter(
        (x) =>
          !x.ignoredWithChild ||
          !childEl ||
          !elementChildren(childEl).some((c) => localName(c.name) === x.ignoredWithChild),
      );
      if (v) checkFields(kept, v as Record<string, unknown>, `${label} <${f.element}>`, el, refs, emit);
      if (f.endpoint) checkRowEndpoints(f.element, el, refs, emit, f.key);
      continue;
    }
    if (f.type === 'endpointChild') {
      if (v) checkEndpoint(v as EndpointValue, el, refs, emit, f.key);
      else if (f.required) emit('error', 'REQUIRED_FIELD', `${label} needs an <endpoint>.`, el, f.key);
      continue;
    }
    if (f.type === 'text' || f.type === 'body' || f.type === 'xml') continue;
    const attr = f.attribute ?? f.key;
    if (v === undefined) {
      if (f.required) emit('error', 'REQUIRED_FIELD', `${label} needs the attribute '${attr}'.`, el, f.key);
      continue;
    }
    if (f.required && String(v).trim() === '') {
      emit('error', 'REQUIRED_FIELD', `${label}: '${attr}' may not be empty.`, el, f.key);
      continue;
    }
    checkScalar(f, String(v), `${label} '${attr}'`, el, refs, emit);
  }
}

/** The elements from `root` down to the one at `xmlPath` (element-child indices), root first. */
function chainAt(root: XmlElement, xmlPath: readonly number[]): XmlElement[] {
  const chain = [root];
  let el: XmlElement | undefined = root;
  for (const i of xmlPath) {
    el = el ? elementChildren(el)[i] : undefined;
    if (el) chain.push(el);
  }
  return chain;
}

/** A rule's view of where its mediator stands (`root`: the artifact's root element, if known). */
function ruleContext(m: MediatorNode, root: XmlElement | undefined): RuleContext {
  return {
    element: m.element,
    branchLengths: Object.fromEntries(Object.entries(m.branches).map(([k, b]) => [k, b.length])),
    namespaceOf: (prefix, child) => {
      const chain = root ? chainAt(root, m.xmlPath) : [m.element];
      return namespaceOf(child ? [...chain, child] : chain, prefix);
    },
  };
}

/**
 * Checks the fields of branch elements (a switch case's `regex`), located at the branch
 * element; the diagnostic's field is `<list key>.<field key>` (`case:1.regex`).
 */
function checkBranches(m: MediatorNode, def: MediatorDefinition, refs: ReferenceIndex, emit: Emit): void {
  if (!def.branches?.some((b) => b.fields?.length)) return;
  for (const b of branchListsOf(m)) {
    if (!b.element || !b.branch.fields) continue;
    const el = b.element;
    const label = `<${m.tag}> ${b.label.toLowerCase()}`;
    const at: Emit = (severity, code, message, _el, field) =>
      emit(severity, code, message, el, field ? `${b.key}.${field}` : b.key);
    // A required branch attribute must be present; like MI's factories, an empty one is a value.
    for (const f of b.branch.fields)
      if (f.required && b.values[f.key] === undefined)
        at('error', 'REQUIRED_FIELD', `${label} needs the attribute '${f.attribute ?? f.key}'.`, el, f.key);
    const present = b.branch.fields.filter((f) => b.values[f.key] !== undefined);
    checkFields(
      present.map((f) => ({ ...f, required: false })),
      b.values,
      label,
      el,
      refs,
      at,
    );
  }
}

/**
 * Validates a mediator list recursively. `root`, the artifact's root element, lets rules resolve
 * namespace prefixes declared above the mediator.
 */
export function validateMediators(
  list: readonly MediatorNode[],
  artifact: string,
  refs: ReferenceIndex,
  out: Diagnostic[],
  root?: XmlElement,
): void {
  for (const m of list) {
    const emit: Emit = (severity, code, message, el, field) =>
      out.push({
        severity,
        code,
        message,
        artifact,
        path: m.path,
        ...(field ? { field } : {}),
        line: el.pos?.line,
        column: el.pos?.column,
      });
    if (m.kind === 'raw') {
      emit(
        'error',
        'MEDIATOR_UNSUPPORTED',
        `<${m.tag}> is not a mediator Mediate runs; it is kept as written but cannot be deployed.`,
        m.element,
      );
      continue;
    }
    const def = definitionForTag(m.tag) as MediatorDefinition;
    checkFields(def.fields, m.values, `<${m.tag}>`, m.element, refs, emit);
    for (const issue of def.rules?.(m.values, ruleContext(m, root)) ?? [])
      emit(issue.severity ?? 'error', issue.code, issue.message, m.element, issue.field);
    for (const issue of def.checkElement?.(m.element) ?? [])
      emit(issue.severity ?? 'error', issue.code, issue.message, issue.at ?? m.element, issue.field);
    checkBranches(m, def, refs, emit);
    for (const branch of Object.values(m.branches)) validateMediators(branch, artifact, refs, out, root);
  }
}
