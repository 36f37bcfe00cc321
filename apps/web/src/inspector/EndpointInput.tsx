/**
 * An `<endpoint>` child: an inline address (URI checked as you type) or a reference by key.
 */
import type { EndpointField, EndpointValue } from '@mediate/engine';
import { DraftInput } from './DraftInput.js';
import { checkUri } from './field-checks.js';

export function EndpointInput({
  field: f,
  value,
  onChange,
  problems,
}: {
  field: EndpointField;
  value: EndpointValue | undefined;
  onChange: (v: EndpointValue | null) => void;
  problems: readonly string[];
}) {
  const mode = value === undefined ? 'none' : value.key !== undefined ? 'key' : 'inline';
  const own =
    mode === 'inline' && (value?.kind ?? 'address') === 'address' ? checkUri(value?.uri) : undefined;
  // One message per problem: the project's validation (which words it for the Problems tab too)
  // when it has one; the immediate check only while validation has nothing to say.
  const messages = problems.length ? [...new Set(problems)] : own ? [own] : [];
  return (
    <div className="field">
      <span className="field-label">
        {f.label}
        {f.required && <span className="required">*</span>}
      </span>
      <select
        data-testid={`field-${f.key}-mode`}
        value={mode}
        onChange={(e) => {
          const m = e.target.value;
          if (m === 'none') onChange(null);
          else if (m === 'key') onChange({ key: value?.key ?? '' });
          else onChange({ kind: 'address', uri: value?.uri ?? 'ws://localhost:8082/websocket' });
        }}
      >
        {!f.required && <option value="none">(none: To header)</option>}
        <option value="inline">Address (inline)</option>
        <option value="key">Named endpoint</option>
      </select>
      {mode === 'inline' && (
        <DraftInput
          className="mono"
          data-testid={`field-${f.key}`}
          value={value?.uri ?? ''}
          placeholder="ws://host:port/path"
          spellCheck={false}
          onValue={(uri) =>
            onChange({
              kind: value?.kind ?? 'address',
              uri,
              ...(value?.format ? { format: value.format } : {}),
            })
          }
          aria-invalid={messages.length > 0}
        />
      )}
      {mode === 'key' && (
        <DraftInput
          data-testid={`field-${f.key}-key`}
          list="endpoint-names"
          value={value?.key ?? ''}
          onValue={(key) => onChange({ key })}
        />
      )}
      {messages.map((m) => (
        <span key={m} className="field-error" data-testid={`field-${f.key}-error`}>
          {m}
        </span>
      ))}
    </div>
  );
}
