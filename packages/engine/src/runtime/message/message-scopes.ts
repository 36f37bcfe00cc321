/**
 * The names of the scopes a message context is read and written in: where it runs (the artifact)
 * and the property mediator's write scopes.
 */

/** The artifact a message runs in, for the `{proxy:NAME}` log prefix and counters. */
export interface ArtifactScope {
  readonly type: 'proxy' | 'api' | 'inboundEndpoint' | 'sequence';
  readonly name: string;
}

/** A property write scope of the property mediator. */
export type WriteScope =
  | 'default'
  | 'axis2'
  | 'transport'
  | 'operation'
  | 'axis2-client'
  | 'registry'
  | 'system'
  | 'trace'
  | 'analytics';
