/**
 * The validate mediator (MI: ValidateMediator). Schemas are compiled at deploy time (`{…}` keys:
 * once per set of entries, on first use). A JSON message (or `json-source="true"`) is checked
 * against the JSON Schema, any other against the XSDs; on a failure ERROR_MESSAGE and
 * ERROR_DETAIL are set and `on-fail` runs, whose result is the mediator's.
 */
import type { DynamicValue } from '../../../model/catalog/index.js';
import type { MediatorNode } from '../../../model/mediators/mediator-types.js';
import type { LocalEntryContent } from '../../deploy/local-entries.js';
import type { MessageContext } from '../../message/message-context.js';
import type { CompileEnv, MediatorCompiler } from '../mediation-types.js';
import { compileProblem } from './compile-problem.js';
import { compileDynamic } from './dynamic.js';
import { compileJsonSchema, type CompiledJsonSchema } from './json-schema.js';
import { compileSource, nodeXml } from './source-node.js';
import { compileXsd, type CompiledXsd } from './xsd-schema.js';

/** Where a mediator is: for its expressions and diagnostics. */
type Place = Pick<MediatorNode, 'path' | 'element' | 'tag' | 'xmlPath'>;

/** The compiled schemas of one set of keys: either kind may be absent (and why). */
interface SchemaSet {
  readonly xsd: CompiledXsd | Error;
  readonly json: CompiledJsonSchema | Error;
}

/** Compiles the entries named by `keys`: the XSDs together, the JSON Schema from the last key. */
function compileSet(
  keys: readonly string[],
  resources: ReadonlyMap<string, LocalEntryContent>,
  env: CompileEnv,
): SchemaSet {
  const entries: LocalEntryContent[] = [];
  for (const k of keys) {
    const e = env.localEntry(k);
    // ValidateMediator: "No Schema is available with the key : …".
    if (!e) {
      const missing = new Error(`No Schema is available with the key  : ${k}`);
      return { xsd: missing, json: missing };
    }
    entries.push(e);
  }
  const attempt = <T>(f: () => T): T | Error => {
    try {
      return f();
    } catch (e) {
      return e as Error;
    }
  };
  const xsdEntries = entries.filter((e) => e.element);
  const last = entries[entries.length - 1];
  return {
    xsd:
      xsdEntries.length > 0
        ? attempt(() => compileXsd(xsdEntries, resources))
        : new Error('No XML Schema is given.'),
    // MI reads the JSON Schema from the last key (each key overwrites the one before).
    json:
      last && !last.element
        ? attempt(() => compileJsonSchema(last))
        : new Error('Can not find valid JSON Schema content'),
  };
}

function resourceMap(
  rows: readonly { location?: string; key?: string }[],
  env: CompileEnv,
): Map<string, LocalEntryContent> {
  const out = new Map<string, LocalEntryContent>();
  for (const r of rows) {
    const e = r.key !== undefined ? env.localEntry(r.key.trim()) : undefined;
    if (r.location !== undefined && e) out.set(r.location, e);
  }
  return out;
}

/** The schema set per message: fixed for literal keys, cached per resolved names for `{…}`. */
function schemasFor(
  keys: readonly DynamicValue[],
  node: Place,
  env: CompileEnv,
  resources: Map<string, LocalEntryContent>,
) {
  const compiled = keys.map((k) => compileDynamic(k, node, env));
  if (compiled.every((k): k is string => typeof k === 'string')) {
    const set = compileSet(
      compiled.map((k) => k.trim()),
      resources,
      env,
    );
    const wrong = [set.xsd, set.json].filter(
      (x) => x instanceof Error && !/^(No XML Schema is given|Can not find valid JSON)/.test(x.message),
    );
    for (const w of wrong)
      compileProblem(env, node, 'VALIDATE_SCHEMA_INVALID', (w as Error).message, 'schemas');
    return () => set;
  }
  const cache = new Map<string, SchemaSet>();
  return (ctx: MessageContext) => {
    const names = compiled.map((k) => (typeof k === 'string' ? k.trim() : k.string(ctx)));
    const id = names.join('\u0000');
    let set = cache.get(id);
    if (!set) cache.set(id, (set = compileSet(names, resources, env)));
    return set;
  };
}

export const compileValidate: MediatorCompiler<'validate'> = (node, env) => {
  const v = node.values;
  const onFail = env.list(node.branches.onFail ?? []);
  const schemas = schemasFor(
    v.schemas.map((s) => s.key),
    node,
    env,
    resourceMap(v.resources, env),
  );
  const expr = v.source !== undefined && v.source.trim() !== '' ? env.expression(v.source, node) : undefined;
  // An XPath source selects the XML node; a JSON one (json-eval, ${…}) the JSON to check.
  const xmlSource = compileSource(expr?.kind === 'xpath' ? v.source : undefined, node, env);
  const jsonSource = expr && expr.kind !== 'xpath' ? expr : undefined;
  const failed = (ctx: MessageContext, message: string, detail: string) => {
    ctx.setProperty('default', 'ERROR_MESSAGE', message);
    ctx.setProperty('default', 'ERROR_DETAIL', detail);
    return onFail(ctx);
  };
  return (ctx) => {
    const set = schemas(ctx);
    if (v.jsonSource || ctx.payload.isJson()) {
      if (set.json instanceof Error) throw set.json;
      if (expr && !jsonSource)
        throw new Error(
          'Could not find JSONPath or Synapse Expression to extract the message to validate from the payload',
        );
      let text = jsonSource ? jsonSource.string(ctx) : ctx.payload.text();
      if (text.length === 0) text = '{}';
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        const where = jsonSource ? ` for JSONPath ${jsonSource.source}` : '';
        throw new Error(`Error while validating the JSON Schema${where}: ${(e as Error).message}`);
      }
      const problem = set.json.validate(value);
      if (!problem) return true;
      return failed(ctx, problem.message, `Error while validating Json message ${problem.detail}`);
    }
    if (set.xsd instanceof Error) throw set.xsd;
    let target;
    try {
      target = xmlSource.select(ctx);
    } catch (e) {
      return failed(
        ctx,
        `Error occurred while accessing source element: ${xmlSource.text}`,
        (e as Error).message,
      );
    }
    if (!target)
      return failed(
        ctx,
        `Error occurred while accessing source element: ${xmlSource.text}`,
        'The source element is not in the message.',
      );
    const errors = set.xsd.validate(nodeXml(target));
    if (errors.length === 0) return true;
    // ValidateMediatorErrorHandler.getAllExceptions: every message, each followed by a newline.
    return failed(ctx, errors.map((e) => `${e}\n`).join(''), errors[errors.length - 1] as string);
  };
};
