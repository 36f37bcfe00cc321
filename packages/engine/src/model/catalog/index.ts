/**
 * The mediator catalog: every kind Mediate understands, one file each. To add a kind, write
 * its file here, add it to CATALOG below, and add its handler to the runtime's handler table
 * (which will not compile until you do).
 */
import type { MediatorDefinition } from './catalog-types.js';
import type { ResolvedValues, WrittenValues } from './catalog-values.js';
import { call } from './call.js';
import { callout } from './callout.js';
import { clone } from './clone.js';
import { callTemplate } from './call-template.js';
import { store } from './store.js';
import { drop } from './drop.js';
import { filter } from './filter.js';
import { inMediator } from './in.js';
import { log } from './log.js';
import { loopback } from './loopback.js';
import { outMediator } from './out.js';
import { property } from './property.js';
import { respond } from './respond.js';
import { script } from './script.js';
import { rewrite } from './rewrite.js';
import { send } from './send.js';
import { sequenceRef } from './sequence.js';
import { switchMediator } from './switch.js';
import { variable } from './variable.js';
import { payloadFactory } from './payload-factory.js';
import { header } from './header.js';
import { makefault } from './makefault.js';
import { enrich } from './enrich.js';
import { xslt } from './xslt.js';
import { fastXSLT } from './fast-xslt.js';
import { validate } from './validate.js';
import { cache } from './cache.js';
import { throttle } from './throttle.js';
import { foreach } from './foreach.js';
import { scatterGather } from './scatter-gather.js';
import { iterate } from './iterate.js';
import { aggregate } from './aggregate.js';

/** Every known mediator kind, keyed by kind. */
export const CATALOG = {
  log,
  property,
  send,
  call,
  callout,
  in: inMediator,
  out: outMediator,
  respond,
  drop,
  filter,
  sequence: sequenceRef,
  loopback,
  variable,
  payloadFactory,
  header,
  makefault,
  enrich,
  script,
  clone,
  switch: switchMediator,
  rewrite,
  xslt,
  fastXSLT,
  validate,
  callTemplate,
  store,
  cache,
  throttle,
  foreach,
  scatterGather,
  iterate,
  aggregate,
} as const;

/** The kinds in the catalog. */
export type MediatorKind = keyof typeof CATALOG;

const BY_TAG: ReadonlyMap<string, MediatorDefinition> = new Map(
  Object.values(CATALOG).map((d) => [d.tag, d as MediatorDefinition]),
);

/** The definition for an element's local name, if Mediate knows it. */
export function definitionForTag(tag: string): MediatorDefinition | undefined {
  return BY_TAG.get(tag);
}

/** The definition of a kind. */
export function definitionOf(kind: MediatorKind): MediatorDefinition {
  return CATALOG[kind] as MediatorDefinition;
}

/** The fields of a kind, with their literal keys, types and enum values. */
export type FieldsOf<K extends MediatorKind> = (typeof CATALOG)[K]['fields'];
/** A kind's values as written (see `WrittenValues`). */
export type ValuesOf<K extends MediatorKind> = WrittenValues<FieldsOf<K>>;
/** A kind's values resolved: defaults applied, typed (see `ResolvedValues`). */
export type ResolvedValuesOf<K extends MediatorKind> = ResolvedValues<FieldsOf<K>>;

export * from './catalog-types.js';
export * from './catalog-values.js';
export * from './dynamic-value.js';
export { endpointSummary } from './send.js';
