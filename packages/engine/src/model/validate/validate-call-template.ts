/**
 * Checks of each `<call-template>` against the template it names: the with-param expressions
 * parse, every mandatory parameter without a default is given (TemplateContext.setupParams
 * faults the message otherwise), and the parameters given are ones the template declares.
 * A target that names no template is REF_TEMPLATE_MISSING, from the field's type.
 */
import type { Artifact, TemplateArtifact } from '../artifacts/artifact-types.js';
import { templateParamValue } from '../catalog/call-template.js';
import type { ListRow } from '../catalog/catalog-types.js';
import type { Diagnostic } from '../diagnostics.js';
import { checkExpression } from '../expressions/expression-check.js';
import type { MediatorNode } from '../mediators/mediator-types.js';
import { elementChildren, localName } from '../xml/xml-query.js';

/** Every call-template of an artifact, depth first. */
function callTemplates(a: Artifact): MediatorNode[] {
  const out: MediatorNode[] = [];
  const walk = (list: readonly MediatorNode[]) => {
    for (const m of list) {
      if (m.kind === 'callTemplate') out.push(m);
      for (const b of Object.values(m.branches)) walk(b);
    }
  };
  for (const l of a.lists) walk(l.mediators);
  return out;
}

/** Validates the call-templates of every artifact of a project against its templates. */
export function validateCallTemplates(artifacts: readonly Artifact[], out: Diagnostic[]): void {
  const templates = new Map<string, TemplateArtifact>();
  for (const a of artifacts) if (a.type === 'template') templates.set(a.name, a);
  for (const a of artifacts) {
    for (const m of callTemplates(a)) {
      const at = (el = m.element) => ({
        artifact: a.name || a.file || '(unnamed)',
        path: m.path,
        line: el.pos?.line,
        column: el.pos?.column,
      });
      const rows = (m.values.params ?? []) as readonly ListRow[];
      const rowEls = elementChildren(m.element).filter((c) => localName(c.name) === 'with-param');
      rows.forEach((row, i) => {
        const v = row.value === undefined ? undefined : templateParamValue(row.value);
        if (!v || v.kind === 'literal') return;
        const problem = checkExpression(v.source);
        if (problem)
          out.push({
            severity: 'error',
            code: 'EXPRESSION_SYNTAX',
            message: `<call-template> parameter '${row.name ?? ''}': ${problem}`,
            field: 'params',
            ...at(rowEls[i]),
          });
      });
      const target = typeof m.values.target === 'string' ? m.values.target.trim() : undefined;
      const t = target !== undefined ? templates.get(target) : undefined;
      if (!t) continue;
      const given = new Set(rows.map((r) => r.name ?? ''));
      for (const p of t.params) {
        if (p.mandatory && p.defaultValue === undefined && !given.has(p.name))
          out.push({
            severity: 'error',
            code: 'TEMPLATE_PARAM_MISSING',
            message: `Template '${t.name}' needs the parameter '${p.name}' (isMandatory="true", no defaultValue); add a <with-param name="${p.name}">.`,
            field: 'params',
            ...at(),
          });
      }
      rows.forEach((row, i) => {
        const name = row.name ?? '';
        if (name && !t.params.some((p) => p.name === name))
          out.push({
            severity: 'warning',
            code: 'TEMPLATE_PARAM_UNKNOWN',
            message: `Template '${t.name}' declares no parameter '${name}'; the template cannot read it.`,
            field: 'params',
            ...at(rowEls[i]),
          });
      });
    }
  }
}
