/**
 * What an expression may read from a message. The message context implements this; the
 * expression engines (XPath, JSONPath, Synapse `${}`) only see this interface.
 */
import type { Document } from '@xmldom/xmldom';

/**
 * Scopes `get-property(scope, name)` and the `$ctx:`/`$axis2:`/`$trp:`/`$url:` variables read.
 * `default` is the Synapse message-context scope, `transport` the transport headers
 * (case-insensitive), `url` the URI-template and query parameters of an API call, `env` the
 * process environment (System.getenv), `system` Mediate's system properties (System.getProperty:
 * deployment.toml's `[system.parameter]` and `<property scope="system">` writes).
 */
export type ReadScope = 'default' | 'axis2' | 'transport' | 'operation' | 'url' | 'env' | 'system' | 'func';

/** The message as an expression sees it. */
export interface ExpressionContext {
  /**
   * A property by scope and name, or undefined. In the default scope the context also answers
   * Synapse's special names: `To`, `MessageID`, `From`, `ReplyTo`, `Action`/`WSAction`,
   * `SOAPAction`, `MESSAGE_FORMAT`, `OperationName`.
   */
  property(scope: ReadScope, name: string): unknown;
  /** The payload as a SOAP 1.1 envelope DOM (built on first use; xmldom Document). */
  envelope(): Document;
  /** The payload parsed as JSON, or undefined when it is not JSON. */
  json(): unknown;
  /** A variable set by the variable mediator (`${vars.x}`). */
  variable(name: string): unknown;
}

/** An expression compiled once at deploy time. */
export interface CompiledExpression {
  readonly source: string;
  readonly kind: 'xpath' | 'jsonpath' | 'synapse';
  /** The raw result: a string, number, boolean, node list or JSON value. */
  evaluate(ctx: ExpressionContext): unknown;
  /** Synapse's string value of the result (`stringValueOf`): nodes serialize to XML. */
  string(ctx: ExpressionContext): string;
  /** Synapse's boolean value (XPath boolean; JSONPath non-empty; `${}` "true"). */
  boolean(ctx: ExpressionContext): boolean;
}
