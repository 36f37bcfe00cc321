/**
 * The xslt and fastXSLT mediators (MI: XSLTMediator; FastXSLTMediator). The stylesheet is
 * compiled at deploy time (a `{…}` key: once per entry it names, on first use); per message the
 * source node is serialized, transformed and written back through the payload writer.
 */
import type { DynamicValue } from '../../../model/catalog/index.js';
import type { MediatorNode } from '../../../model/mediators/mediator-types.js';
import { childElements } from '../../../model/xml/xml-query.js';
import type { LocalEntryContent } from '../../deploy/local-entries.js';
import type { CompiledExpression } from '../../expressions/expression-types.js';
import type { MessageContext } from '../../message/message-context.js';
import type { CompileEnv, MediatorCompiler, Step } from '../mediation-types.js';
import { compileDynamic } from './dynamic.js';
import { compileProblem } from './compile-problem.js';
import { compileSource, nodeXml, parseFragment, replaceSourceNode } from './source-node.js';
import { compileStylesheet, StylesheetError, type CompiledStylesheet } from './xslt-stylesheet.js';

/** Where a mediator is: for its expressions and diagnostics. */
type Place = Pick<MediatorNode, 'path' | 'element' | 'tag' | 'xmlPath'>;

const TEXT_WRAPPER_NS = 'http://ws.apache.org/commons/ns/payload';

/** A parameter: a literal, or an expression read per message (XSLTMediator.applyProperties). */
type Param = { readonly name: string; readonly value: string | CompiledExpression };

interface XsltSettings {
  readonly key: DynamicValue;
  readonly source?: string;
  readonly target?: string;
  readonly params: readonly Param[];
  readonly resources: readonly { readonly location?: string; readonly key?: string }[];
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Resolves `<resource location key>` rows to the entries they name (missing ones are left out). */
function resourceEntries(rows: XsltSettings['resources'], env: CompileEnv): Map<string, LocalEntryContent> {
  const out = new Map<string, LocalEntryContent>();
  for (const r of rows) {
    const e = r.key !== undefined ? env.localEntry(r.key.trim()) : undefined;
    if (r.location !== undefined && e) out.set(r.location, e);
  }
  return out;
}

/** The stylesheet for a key: compiled now for a literal key, per entry on first use for `{…}`. */
function stylesheetFor(
  s: XsltSettings,
  node: Place,
  env: CompileEnv,
): (ctx: MessageContext) => CompiledStylesheet {
  const resources = resourceEntries(s.resources, env);
  const compile = (name: string): CompiledStylesheet => {
    const entry = env.localEntry(name);
    if (!entry) throw new StylesheetError(`Local entry '${name}' does not exist in this project.`);
    return compileStylesheet(entry, resources);
  };
  const key = compileDynamic(s.key, node, env);
  if (typeof key === 'string') {
    try {
      const sheet = compile(key.trim());
      return () => sheet;
    } catch (e) {
      compileProblem(env, node, 'XSLT_STYLESHEET_INVALID', (e as Error).message, 'key');
      const message = (e as Error).message;
      return () => {
        throw new Error(message);
      };
    }
  }
  // The entries are fixed for the deployment, so each one is compiled at most once.
  const cache = new Map<string, CompiledStylesheet | Error>();
  return (ctx) => {
    const name = key.string(ctx);
    let hit = cache.get(name);
    if (!hit) {
      try {
        hit = compile(name);
      } catch (e) {
        hit = e as Error;
      }
      cache.set(name, hit);
    }
    if (hit instanceof Error) throw hit;
    return hit;
  };
}

function compileTransform(s: XsltSettings, node: Place, env: CompileEnv): Step {
  const sheet = stylesheetFor(s, node, env);
  const source = compileSource(s.source, node, env);
  const keyText = s.key.text;
  const fail = (e: unknown): never => {
    // XSLTMediator.mediate: handleException("Unable to perform XSLT transformation using : …").
    throw new Error(
      `Unable to perform XSLT transformation using : ${keyText} against source XPath : ${source.text} reason : ${(e as Error).message}`,
    );
  };
  const run = async (ctx: MessageContext): Promise<boolean> => {
    try {
      const sourceNode = source.select(ctx);
      // XSLTMediator: an empty body with no source skips the transformation.
      if (!sourceNode) return true;
      const stylesheet = sheet(ctx);
      const params: { name: string; value: string }[] = [];
      for (const p of s.params)
        params.push({ name: p.name, value: typeof p.value === 'string' ? p.value : p.value.string(ctx) });
      let result = (await stylesheet.transform(nodeXml(sourceNode), params)).replace(
        /^\s*<\?xml[^>]*\?>\s*/,
        '',
      );
      // ResultBuilderFactory.Output.TEXT: text results are wrapped like a text/plain payload.
      if (stylesheet.textOutput) result = `<text xmlns="${TEXT_WRAPPER_NS}">${escapeText(result)}</text>`;
      if (s.target !== undefined) {
        const element = parseFragment(ctx.envelope(), result).find((n) => n.nodeType === 1);
        ctx.setProperty('default', s.target, element);
      } else replaceSourceNode(ctx, sourceNode, result);
    } catch (e) {
      fail(e);
    }
    return true;
  };
  return run;
}

export const compileXslt: MediatorCompiler<'xslt'> = (node, env) => {
  const v = node.values;
  // A <property> may declare the prefixes its expression uses (MediatorPropertyFactory).
  const rows = childElements(node.element, 'property');
  const params: Param[] = v.properties.map((p, i) => {
    const name = p.name ?? `#${i + 1}`;
    if (p.value !== undefined) return { name, value: p.value };
    return { name, value: env.expression(p.expression ?? '', node, rows[i]) };
  });
  return compileTransform(
    { key: v.key, source: v.source, target: v.target, params, resources: v.resources },
    node,
    env,
  );
};

export const compileFastXslt: MediatorCompiler<'fastXSLT'> = (node, env) =>
  compileTransform({ key: node.values.key, params: [], resources: [] }, node, env);
