/**
 * The Source view: Monaco from the local package (no CDN: `loader.config({ monaco })`), loaded
 * lazily, XML tokenizer only, `editContext: false` (React Flow's key handling and fast typing
 * lose characters under EditContext; see reference/toolchain.md §3). Typing re-parses after a
 * pause: a good parse updates the model, a bad one becomes a draft with markers where it broke.
 * Undo/redo inside the editor are the studio's, so one history covers canvas, inspector and text.
 */
import { findByKey, DEFINITIONS_IN_EDITOR } from '@mediate/engine';
import Editor, { loader, type OnMount } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/xml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { useEffect, useMemo, useRef } from 'react';
import { runImport } from '../state/import-actions.js';
import { projectDiagnostics, textOf } from '../state/selectors.js';
import { ACTIONS } from '../actions/studio-actions.js';
import { studio, useStudio } from '../state/store.js';
import { replaceMinimal } from './replace-minimal.js';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
loader.config({ monaco });

/** The pause after which typed text is parsed. */
export const PARSE_DELAY_MS = 400;

type Ed = monaco.editor.IStandaloneCodeEditor;

export default function XmlEditor({ artifactKey }: { artifactKey: string }) {
  const artifact = useStudio((s) => findByKey(s.project.artifacts, artifactKey));
  const draft = useStudio((s) => s.drafts[artifactKey]);
  const project = useStudio((s) => s.project);
  const theme = useStudio((s) => s.theme);
  const reveal = useStudio((s) => s.reveal);
  const xml = useMemo(() => (artifact ? textOf(artifact) : ''), [artifact]);
  const editorRef = useRef<Ed | null>(null);
  const pending = useRef<{ key: string; timer: number } | undefined>(undefined);
  const applying = useRef(false);
  const keyRef = useRef(artifactKey);
  keyRef.current = artifactKey;

  /** Applies typing that is still waiting for its pause. */
  const flush = () => {
    const p = pending.current;
    const ed = editorRef.current;
    if (!p || !ed) return;
    window.clearTimeout(p.timer);
    pending.current = undefined;
    studio.getState().applySource(p.key, ed.getValue());
  };

  const onMount: OnMount = (ed) => {
    editorRef.current = ed;
    const K = monaco.KeyMod;
    const C = monaco.KeyCode;
    // The registry's actions, under Monaco's own key bindings (same keys as everywhere else).
    ed.addCommand(K.CtrlCmd | C.KeyZ, () => {
      flush();
      // Text that does not parse is not a step yet: undo drops it and shows the last good text.
      const s = studio.getState();
      if (s.drafts[keyRef.current]) s.discardDraft(keyRef.current);
      else ACTIONS.undo.run(studio);
    });
    ed.addCommand(K.CtrlCmd | K.Shift | C.KeyZ, () => {
      flush();
      ACTIONS.redo.run(studio);
    });
    ed.addCommand(K.CtrlCmd | C.KeyY, () => {
      flush();
      ACTIONS.redo.run(studio);
    });
    ed.addCommand(K.CtrlCmd | C.KeyS, () => {
      flush();
      ACTIONS.save.run(studio);
    });
    ed.addCommand(K.CtrlCmd | C.Enter, () => {
      flush();
      ACTIONS.deploy.run(studio);
    });
  };

  const onChange = (value: string | undefined) => {
    if (applying.current || value === undefined) return;
    const key = keyRef.current;
    if (pending.current) window.clearTimeout(pending.current.timer);
    pending.current = {
      key,
      timer: window.setTimeout(() => {
        pending.current = undefined;
        studio.getState().applySource(key, value);
      }, PARSE_DELAY_MS),
    };
  };

  // Show the model's text when it changed elsewhere (canvas, inspector, undo), keeping the cursor.
  const shown = draft?.text ?? xml;
  useEffect(() => {
    const ed = editorRef.current;
    if (!ed || pending.current) return;
    if (ed.getValue() === shown) return;
    applying.current = true;
    try {
      replaceMinimal(ed, shown);
    } finally {
      applying.current = false;
    }
  }, [shown, artifactKey]);

  // Switching artifacts: typing for the old one is applied first.
  useEffect(() => () => flush(), [artifactKey]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const diags = draft
      ? draft.diagnostics
      : projectDiagnostics(project).filter((d) => d.artifact === artifact?.name);
    const markers = diags
      .filter((d) => d.line !== undefined)
      .map((d) => ({
        severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        message: `${d.message} (${d.code})`,
        startLineNumber: d.line as number,
        startColumn: d.column ?? 1,
        endLineNumber: d.line as number,
        endColumn: (d.column ?? 1) + 1,
      }));
    monaco.editor.setModelMarkers(model, 'mediate', markers);
  }, [draft, project, artifact?.name, shown]);

  useEffect(() => {
    const ed = editorRef.current;
    if (!ed || !reveal || reveal.key !== artifactKey) return;
    ed.revealLineInCenter(reveal.line);
    ed.setPosition({ lineNumber: reveal.line, column: reveal.column });
    ed.focus();
  }, [reveal, artifactKey]);

  return (
    <div className="source-editor" data-testid="source-editor">
      {draft && (
        <div className="source-status error" data-testid="source-error">
          Line {draft.diagnostics[0]?.line}, column {draft.diagnostics[0]?.column}:{' '}
          {draft.diagnostics[0]?.message} — the canvas shows the last version that parsed.
          {draft.diagnostics[0]?.code === DEFINITIONS_IN_EDITOR && (
            <button
              className="small"
              data-testid="source-import-definitions"
              onClick={() =>
                void runImport(
                  studio,
                  { kind: 'xml', text: draft.text, name: 'pasted <definitions>' },
                  'refuse',
                  artifactKey,
                )
              }
            >
              Import them
            </button>
          )}
        </div>
      )}
      <Editor
        defaultLanguage="xml"
        defaultValue={shown}
        theme={theme === 'dark' ? 'vs-dark' : 'vs'}
        onMount={onMount}
        onChange={onChange}
        options={{
          editContext: false,
          automaticLayout: true,
          minimap: { enabled: false },
          fontSize: 13,
          scrollBeyondLastLine: false,
          tabSize: 4,
          renderWhitespace: 'selection',
        }}
      />
    </div>
  );
}
