/**
 * An enrich mediator compiled: what its source and target are, with expressions, inline content
 * and JSONPaths prepared at deploy time (EnrichMediatorFactory's work), shared by the XML and
 * the JSON paths of the run-time half.
 */
import type { Element } from '@xmldom/xmldom';
import type { EventBus } from '../../log/event-bus.js';
import type { MessageContext } from '../../message/message-context.js';
import type { CompiledExpression } from '../../expressions/expression-types.js';
import type { JsonEditPath } from './json-edit.js';

export type SourceType = 'custom' | 'envelope' | 'body' | 'property' | 'inline' | 'variable';
export type TargetType = 'custom' | 'envelope' | 'body' | 'property' | 'key' | 'variable';
export type Action = 'replace' | 'child' | 'sibling' | 'remove';

/** Inline content of a source: an element (parsed in its namespace context) or text. */
export type InlineContent =
  | { readonly kind: 'xml'; readonly element: Element }
  | { readonly kind: 'text'; readonly text: string; readonly json: boolean };

export interface EnrichSource {
  readonly type: SourceType;
  readonly clone: boolean;
  readonly xpath?: CompiledExpression;
  /** The source's JSONPath, for `clone="false"` (which deletes what it read) and `remove`. */
  readonly jsonPath?: JsonEditPath;
  /** Every path of a `remove` source (a comma-separated list). */
  readonly removePaths?: readonly JsonEditPath[];
  /** The property (or variable) name. */
  readonly property?: string;
  readonly inline?: InlineContent;
}

export interface EnrichTarget {
  readonly type: TargetType;
  readonly action: Action;
  readonly xpath?: CompiledExpression;
  readonly jsonPath?: JsonEditPath;
  /** `get-property('scope', 'name')` as a custom target: the property it names. */
  readonly propertyTarget?: { readonly scope: 'default' | 'axis2' | 'operation'; readonly name: string };
  readonly property?: string;
  /** type="key": the object holding the key (the path up to its last `.`) and the key's name. */
  readonly keyOwner?: JsonEditPath;
  readonly keyName?: string;
}

export interface EnrichPlan {
  readonly source: EnrichSource;
  readonly target: EnrichTarget;
  /** EnrichMediatorFactory's isNativeJsonSupportEnabled: a JSON payload is edited as JSON. */
  readonly nativeJson: boolean;
  /** Says what MI logs and goes on from (synLog.error), once per message. */
  readonly complain: (ctx: MessageContext, text: string) => void;
  readonly bus: EventBus;
}
