/**
 * The handler table: one compiler per catalog kind. A kind added to the catalog without a
 * compiler here fails to type-check.
 */
import type { HandlerTable } from '../mediation-types.js';
import {
  compileDrop,
  compileFilter,
  compileIn,
  compileLoopback,
  compileOut,
  compileRespond,
  compileSequenceRef,
} from './flow.js';
import { compileClone } from './clone.js';
import { compileLog } from './log.js';
import { compileProperty, compileVariable } from './property.js';
import { compileScript } from './script.js';
import { compileCall, compileSend } from './send-call.js';
import { compileCallout } from './callout.js';
import { compilePayloadFactory } from './payload-factory.js';
import { compileHeader } from './header.js';
import { compileMakefault } from './makefault.js';
import { compileEnrich } from './enrich.js';
import { compileRewrite } from './rewrite.js';
import { compileSwitch } from './switch.js';
import { compileFastXslt, compileXslt } from './xslt.js';
import { compileValidate } from './validate.js';
import { compileCallTemplate } from './call-template.js';
import { compileStore } from './store.js';
import { compileCache } from './cache.js';
import { compileThrottle } from './throttle.js';
import { compileForEach } from './foreach.js';
import { compileScatterGather } from './scatter-gather.js';
import { compileIterate } from './iterate.js';
import { compileAggregate } from './aggregate.js';

export const HANDLERS: HandlerTable = {
  log: compileLog,
  property: compileProperty,
  send: compileSend,
  call: compileCall,
  callout: compileCallout,
  in: compileIn,
  out: compileOut,
  respond: compileRespond,
  drop: compileDrop,
  filter: compileFilter,
  sequence: compileSequenceRef,
  loopback: compileLoopback,
  variable: compileVariable,
  payloadFactory: compilePayloadFactory,
  header: compileHeader,
  makefault: compileMakefault,
  enrich: compileEnrich,
  script: compileScript,
  clone: compileClone,
  switch: compileSwitch,
  rewrite: compileRewrite,
  xslt: compileXslt,
  fastXSLT: compileFastXslt,
  validate: compileValidate,
  callTemplate: compileCallTemplate,
  store: compileStore,
  cache: compileCache,
  throttle: compileThrottle,
  foreach: compileForEach,
  scatterGather: compileScatterGather,
  iterate: compileIterate,
  aggregate: compileAggregate,
};
