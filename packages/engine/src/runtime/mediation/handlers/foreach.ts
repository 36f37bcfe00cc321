/**
 * foreach: ForEachMediatorFactory builds MI 4.4's ForEachMediatorV2 when `collection` is set
 * (not blank), else the legacy ForEachMediator; so does this compiler.
 */
import { isForEachV2 } from '../../../model/catalog/foreach.js';
import type { MediatorCompiler } from '../mediation-types.js';
import { compileForEachLegacy } from './foreach-legacy.js';
import { compileForEachV2 } from './foreach-v2.js';

export const compileForEach: MediatorCompiler<'foreach'> = (node, env) =>
  isForEachV2(node.written) ? compileForEachV2(node, env) : compileForEachLegacy(node, env);
