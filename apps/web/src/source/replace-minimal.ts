/**
 * Replaces an editor's text by editing only the span that differs, so the cursor and scroll
 * position survive a canvas or inspector edit.
 */
import type * as monaco from 'monaco-editor/editor';

/** The differing span of two texts: common prefix and suffix lengths. */
export function diffSpan(a: string, b: string): { start: number; endA: number; endB: number } {
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  return { start, endA, endB };
}

export function replaceMinimal(ed: monaco.editor.IStandaloneCodeEditor, text: string): void {
  const model = ed.getModel();
  if (!model) return;
  const old = model.getValue();
  const { start, endA, endB } = diffSpan(old, text);
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(endA);
  model.pushEditOperations(
    ed.getSelections() ?? [],
    [
      {
        range: {
          startLineNumber: from.lineNumber,
          startColumn: from.column,
          endLineNumber: to.lineNumber,
          endColumn: to.column,
        },
        text: text.slice(start, endB),
      },
    ],
    () => null,
  );
}
