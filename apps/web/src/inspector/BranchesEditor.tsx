/**
 * The branches of a container that the form edits itself: each occurrence of a repeated branch
 * (a switch's cases) with its own fields (the regex), a remove button, and an add button that
 * puts the new one after the others (before a switch's default). The mediators inside are
 * edited on the canvas.
 */
import { branchListsOf, formatPath, type Diagnostic, type MediatorNode } from '@mediate/engine';
import {
  addBranchCommand,
  changeBranchCommand,
  removeBranchCommand,
  type Command,
} from '../state/commands.js';
import { studio } from '../state/store.js';
import { AttributeInput } from './AttributeInput.js';

/** The diagnostic field keys the editor shows (`case:1.regex`), so the form does not repeat them. */
export function branchFieldKeys(m: MediatorNode): string[] {
  return branchListsOf(m).flatMap((b) => (b.branch.fields ?? []).map((f) => `${b.key}.${f.key}`));
}

export function BranchesEditor({
  artifact,
  mediator: m,
  problems,
}: {
  artifact: string;
  mediator: MediatorNode;
  problems: readonly Diagnostic[];
}) {
  const lists = branchListsOf(m);
  const repeated = [...new Set(lists.map((b) => b.branch))].filter((b) => b.repeated);
  if (!repeated.length) return null;
  const run = (c: Command) => studio.getState().dispatch(c, 'record');
  return (
    <>
      {repeated.map((def) => (
        <div className="field list-field" key={def.key} data-testid={`branches-${def.key}`}>
          <span className="field-label">{def.label}s</span>
          {lists
            .filter((b) => b.branch === def)
            .map((b) => {
              const list = [...m.path, b.key];
              return (
                <div className="branch-row" key={b.key} data-testid={`branch-${b.key}`}>
                  <span className="muted">{b.label}</span>
                  {(def.fields ?? []).map((f) => (
                    <AttributeInput
                      key={f.key}
                      field={f}
                      value={b.values[f.key]}
                      onChange={(v) =>
                        run(changeBranchCommand(artifact, list, { [f.key]: v === undefined ? null : v }))
                      }
                      testId={`branch-${b.key}-${f.key}`}
                      problems={problems.filter((d) => d.field === `${b.key}.${f.key}`).map((d) => d.message)}
                    />
                  ))}
                  <button
                    className="icon-button"
                    title={`Remove ${b.label.toLowerCase()} and its mediators`}
                    data-testid={`branch-${b.key}-remove`}
                    onClick={() => run(removeBranchCommand(artifact, list))}
                  >
                    ✕
                  </button>
                </div>
              );
            })}
          <button
            className="small"
            data-testid={`branch-add-${def.key}`}
            title={`Add a ${def.label.toLowerCase()} to ${formatPath(m.path)}`}
            onClick={() =>
              run(
                addBranchCommand(
                  artifact,
                  m.path,
                  def.key,
                  // A required field starts as a value that passes its check (a regex matching anything).
                  Object.fromEntries(
                    (def.fields ?? [])
                      .filter((f) => f.required)
                      .map((f) => [f.key, f.type === 'regex' ? '.*' : '']),
                  ),
                ),
              )
            }
          >
            + Add {def.label.toLowerCase()}
          </button>
        </div>
      ))}
    </>
  );
}
