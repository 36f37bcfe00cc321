/**
 * One attribute field, its widget picked by the field's type: enum and boolean → select,
 * expression → input checked as you type, sequence/endpoint → input with the project's names.
 */
import type { AttributeField } from '@mediate/engine';
import { DraftInput } from './DraftInput.js';
import { checkValue } from './field-checks.js';
import { SequenceLink } from './SequenceLink.js';

export interface AttributeInputProps {
  readonly field: AttributeField;
  readonly value: string | undefined;
  /** `undefined` removes the attribute. */
  readonly onChange: (v: string | undefined) => void;
  readonly testId: string;
  /** Shown under the field besides its own check (project validation). */
  readonly problems?: readonly string[];
  readonly compact?: boolean;
}

export function AttributeInput({
  field: f,
  value,
  onChange,
  testId,
  problems = [],
  compact,
}: AttributeInputProps) {
  const own = checkValue(f, value);
  // The project's validation runs on every edit and words things best; the local check covers
  // what the model does not hold yet (compact table cells, fields without diagnostics).
  const messages = problems.length ? [...problems] : own ? [own] : [];
  const set = (v: string) => onChange(v === '' && !f.required ? undefined : v);
  let widget;
  if (f.type === 'enum' || f.type === 'boolean') {
    const values = f.type === 'boolean' ? ['true', 'false'] : (f.values ?? []);
    const known = value === undefined || values.includes(value);
    widget = (
      <select data-testid={testId} value={value ?? ''} onChange={(e) => set(e.target.value)}>
        <option value="">{f.default !== undefined ? `(default: ${f.default})` : '(not set)'}</option>
        {!known && <option value={value}>{value}</option>}
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    );
  } else {
    const list =
      f.type === 'sequence'
        ? 'sequence-names'
        : f.type === 'endpoint'
          ? 'endpoint-names'
          : f.type === 'localEntry'
            ? 'local-entry-names'
            : f.type === 'template'
              ? 'template-names'
              : f.type === 'messageStore'
                ? 'message-store-names'
                : undefined;
    widget = (
      <DraftInput
        data-testid={testId}
        value={value ?? ''}
        onValue={set}
        list={list}
        spellCheck={false}
        className={f.type === 'expression' ? 'mono' : undefined}
        placeholder={f.default ?? (f.type === 'expression' ? 'XPath, json-eval(…) or ${…}' : '')}
        aria-invalid={messages.length > 0}
      />
    );
  }
  if (compact)
    return (
      <div className="cell" title={messages.join('\n')}>
        {widget}
      </div>
    );
  return (
    <label className="field">
      <span className="field-label" title={f.help}>
        {f.label}
        {f.required && <span className="required">*</span>}
      </span>
      {f.type === 'sequence' && value && !value.startsWith('{') ? (
        <span className="with-link">
          {widget}
          <SequenceLink name={value} />
        </span>
      ) : (
        widget
      )}
      {messages.map((m) => (
        <span key={m} className="field-error" data-testid={`${testId}-error`}>
          {m}
        </span>
      ))}
    </label>
  );
}
