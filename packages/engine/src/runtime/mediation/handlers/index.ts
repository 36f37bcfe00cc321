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
import { compileLog } from './log.js';
import { compileProperty, compileVariable } from './property.js';
import { compileCall, compileSend } from './send-call.js';
import { compileCallTemplate } from './call-template.js';

export const HANDLERS: HandlerTable = {
  log: compileLog,
  property: compileProperty,
  send: compileSend,
  call: compileCall,
  in: compileIn,
  out: compileOut,
  respond: compileRespond,
  drop: compileDrop,
  filter: compileFilter,
  sequence: compileSequenceRef,
  loopback: compileLoopback,
  variable: compileVariable,
  callTemplate: compileCallTemplate,
};
