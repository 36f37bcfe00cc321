/**
 * The shape of a mediator definition. One definition per kind serves the parser, the
 * serializer, validation, the palette, the inspector form and (through the runtime's handler
 * table, keyed by the same kinds) the runtime.
 */
import type { XmlElement } from '../xml/xml-types.js';

/** How an attribute's text is interpreted; picks the inspector widget and the checks. */
export type ScalarType =
  | 'string'
  | 'expression' // XPath 1.0, json-eval(JSONPath) or ${…}
  | 'enum'
  | 'boolean' // "true" | "false"
  | 'integer'
  | 'regex'
  | 'sequence' // name of a sequence artifact
  | 'endpoint' // name of an endpoint artifact
  | 'localEntry' // key of a local entry (a stylesheet, schema, script or payload format)
  | 'template' // name of a sequence template artifact
  | 'messageStore'; // name of a message store artifact

/**
 * A field that means nothing while another field has a value, as property's `value` while
 * `action="remove"`: the inspector hides it, and `changeMediator` removes it when that other
 * field is set to the value.
 */
export interface InactiveWhen {
  readonly field: string;
  readonly value: string;
}

/** A value stored in an attribute of the mediator's element (or of a child element). */
export interface AttributeField {
  readonly type: ScalarType;
  readonly key: string;
  /** The XML attribute name; defaults to `key`. */
  readonly attribute?: string;
  readonly label: string;
  readonly help?: string;
  readonly values?: readonly string[];
  /** The value Synapse assumes when the attribute is absent. */
  readonly default?: string;
  readonly required?: boolean;
  /** `{…}` means an expression evaluated at run time (Synapse's dynamic key/name form). */
  readonly dynamic?: boolean;
  /** Values are compared and stored upper-cased/trimmed by Synapse (log category). */
  readonly caseInsensitive?: boolean;
  /**
   * The key of the sibling field that holds an expression instead of this literal (property's
   * `value` and `expression`): Synapse takes one or the other, so the inspector shows the pair
   * as one field with a switch.
   */
  readonly orExpression?: string;
  readonly inactiveWhen?: InactiveWhen;
  /**
   * In a list row or child element: Synapse ignores this attribute when that element has a child of this
   * name (clone's target `sequence` key beside an inline `<sequence>`), so it is not checked then.
   */
  readonly ignoredWithChild?: string;
}

/** The trimmed text of a child element, e.g. log's `<message>`. */
export interface TextField {
  readonly type: 'text';
  readonly key: string;
  readonly element: string;
  readonly label: string;
  readonly help?: string;
}

/**
 * The element's own text and CDATA, untrimmed, e.g. script's inline source. Child elements
 * (script's `<include>`) are other fields'; an edit keeps them and writes the text as CDATA.
 */
export interface BodyField {
  readonly type: 'body';
  readonly key: string;
  readonly label: string;
  readonly help?: string;
}

/** A repeated child element with attributes, e.g. log's `<property>` rows. */
export interface ListField {
  readonly type: 'list';
  readonly key: string;
  readonly element: string;
  readonly label: string;
  readonly fields: readonly AttributeField[];
  /** Rows may hold inline XML instead of a value. */
  readonly inlineXml?: boolean;
  /** The element the rows sit in (payloadFactory's `<args>`); absent when they are direct children. */
  readonly wrapper?: string;
  /**
   * Rows may hold an inline `<endpoint>` child (clone's `<target>`): validation checks it as an
   * endpoint, located at the row's element; the kind's compiler reads it from that element.
   */
  readonly endpoint?: boolean;
}

/** A single optional child element with attributes and optional text, e.g. call's `<source>`. */
export interface ChildField {
  readonly type: 'child';
  readonly key: string;
  readonly element: string;
  readonly label: string;
  readonly fields: readonly AttributeField[];
  readonly withText?: boolean;
  /**
   * The element may hold inline XML (its first element child) instead of text, e.g. enrich's
   * `<source type="inline">` or makefault's `<detail>`: read as `inlineXml`, and then no `text`.
   */
  readonly inlineXml?: boolean;
  /** The element may hold an inline `<endpoint>` (iterate's `<target>`), checked as for a list's rows. */
  readonly endpoint?: boolean;
}

/** An inline XML value: the first element child not claimed by another field. */
export interface XmlField {
  readonly type: 'xml';
  readonly key: string;
  readonly label: string;
  readonly inactiveWhen?: InactiveWhen;
}

/** An `<endpoint>` child: inline (address …) or a `key` reference. */
export interface EndpointField {
  readonly type: 'endpointChild';
  readonly key: string;
  readonly label: string;
  readonly required?: boolean;
}

export type Field =
  AttributeField | TextField | BodyField | ListField | ChildField | XmlField | EndpointField;

/** True when `f` means nothing given the other values (see `InactiveWhen`). */
export function isInactive(f: Field, values: Readonly<Record<string, unknown>>): boolean {
  const w = 'inactiveWhen' in f ? f.inactiveWhen : undefined;
  return !!w && values[w.field] === w.value;
}

/** Keys of fields shown inside another field's value/expression switch (`orExpression`). */
export function expressionPartners(fields: readonly Field[]): ReadonlySet<string> {
  return new Set(fields.flatMap((f) => ('orExpression' in f && f.orExpression ? [f.orExpression] : [])));
}

/** True for a field stored in an attribute of the element itself. */
export function isAttributeField(f: Field): f is AttributeField {
  return (
    f.type !== 'text' &&
    f.type !== 'body' &&
    f.type !== 'list' &&
    f.type !== 'child' &&
    f.type !== 'xml' &&
    f.type !== 'endpointChild'
  );
}

/** A nested mediator list of a container mediator. */
export interface BranchDefinition {
  readonly key: string;
  readonly label: string;
  /**
   * The child element holding the list (`then`, `else`); absent when the mediators are the
   * container's own children (`in`, `out`).
   */
  readonly element?: string;
  /**
   * When the branch element is missing, the container's own mediator children form this
   * branch (filter without `<then>`).
   */
  readonly implicit?: boolean;
  /**
   * The element may occur any number of times (switch's `<case>`, clone's `<target>`):
   * occurrence n is its own list, keyed `key:n` (`case:0`, `target:1`) in document order
   * (`mediators/branch-lists.ts`). Needs `element`.
   */
  readonly repeated?: boolean;
  /**
   * The child of each occurrence (or of the single branch element) that holds its mediators
   * (`sequence` for clone's and iterate's `<target>`), created when a mediator is first dropped
   * in; absent when they are the element's own children (switch's `<case>`).
   */
  readonly inner?: string;
  /**
   * Attributes of the branch element itself (a case's `regex`), checked like mediator fields,
   * except that `required` asks only for the attribute to be present (MI accepts `regex=""`).
   */
  readonly fields?: readonly AttributeField[];
}

/** Palette groups, in palette order. */
export const PALETTE_GROUPS = [
  'Core',
  'Transform',
  'Route',
  'Flow control',
  'Split & gather',
  'Endpoints',
] as const;
export type PaletteGroup = (typeof PALETTE_GROUPS)[number];

/** A row-level message from a definition's own cross-field rule. */
export interface RuleIssue {
  readonly code: string;
  readonly message: string;
  /** The field key the problem is about, for the inspector. */
  readonly field?: string;
  readonly severity?: 'error' | 'warning';
}

/**
 * Where a mediator stands, for a rule that needs more than its values (a QName's prefix is
 * resolved by the declarations in scope, as MI's factories do with OMElementUtils).
 */
export interface RuleContext {
  /** The namespace URI `prefix` stands for at the mediator element (or at its `child`). */
  namespaceOf(prefix: string, child?: XmlElement): string | undefined;
  /** The mediator's element. */
  readonly element: XmlElement;
  /** The number of mediators in each branch list as written (validate's `on-fail` must not be empty). */
  readonly branchLengths: Readonly<Record<string, number>>;
}

/** A problem in a mediator's own XML beyond its fields, located at `at` (default: the mediator). */
export interface ElementIssue extends RuleIssue {
  readonly at?: XmlElement;
}

/** Everything Mediate knows about one mediator kind. */
export interface MediatorDefinition<K extends string = string> {
  readonly kind: K;
  /** Local element name in the Synapse namespace. */
  readonly tag: string;
  readonly label: string;
  readonly group: PaletteGroup;
  /** Icon name, resolved by the studio. */
  readonly icon: string;
  readonly description: string;
  readonly fields: readonly Field[];
  readonly branches?: readonly BranchDefinition[];
  /** True when the mediator always ends the current flow (returns false in Synapse). */
  readonly endsFlow?: boolean;
  /** Cross-field rules beyond required/enum checks. */
  readonly rules?: (values: MediatorValues, at?: RuleContext) => RuleIssue[];
  /**
   * Checks of nested structure the fields do not describe (rewrite's rules and actions, edited
   * in the source view), run by validation.
   */
  readonly checkElement?: (el: XmlElement) => ElementIssue[];
  /** A one-line summary for the canvas, e.g. `log full`. */
  readonly summary: (values: MediatorValues) => string;
  /** The element a palette drop creates. */
  readonly template: string;
}

/** An endpoint as written inline or referenced. */
export interface EndpointValue {
  /** `<endpoint key="…"/>`. */
  readonly key?: string;
  readonly name?: string;
  /** The child kind: `address`, `http`, `failover`, … */
  readonly kind?: string;
  /** `uri` of `<address>` (or `uri-template` of `<http>`). */
  readonly uri?: string;
  readonly format?: string;
}

/** One row of a list field. */
export type ListRow = Readonly<Record<string, string | undefined>> & { readonly inlineXml?: string };

/** The values of a mediator's fields, by field key. */
export type FieldValue = string | undefined | readonly ListRow[] | ListRow | EndpointValue;
export type MediatorValues = Readonly<Record<string, FieldValue>>;
