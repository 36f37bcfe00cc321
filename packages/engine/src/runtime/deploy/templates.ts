/**
 * The project's sequence templates, compiled once per deploy into the slots call-template
 * steps hold (TemplateMediator): its parameters, its `<sequence>` and its `onError`.
 */
import type { Diagnostic } from '../../model/diagnostics.js';
import type { Project } from '../../model/project/project.js';
import { ArtifactCompiler, slotHandler, type CompilerDeps } from '../mediation/compile.js';

/** Compiles every template into its slot (`deps.template`); returns the compile problems. */
export function compileTemplates(project: Project, deps: CompilerDeps): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const a of project.artifacts) {
    if (a.type !== 'template' || !deps.template) continue;
    const c = new ArtifactCompiler(a, deps);
    const body = c.listByKey('sequence') ?? (() => true);
    const slot = a.onError ? deps.sequence(a.onError) : undefined;
    deps.template(a.name).current = {
      name: a.name,
      params: a.params,
      body,
      ...(slot ? { onError: { slot, handler: slotHandler(slot) } } : {}),
    };
    diagnostics.push(...c.diagnostics);
  }
  return diagnostics;
}
