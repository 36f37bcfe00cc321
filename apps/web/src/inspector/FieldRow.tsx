/**
 * One catalog field of a mediator in the inspector, dispatched to the widget for its type.
 */
import {
  parseXml,
  type AttributeField,
  type EndpointValue,
  type Field,
  type FieldChanges,
  type ListRow,
  type MediatorValues,
} from '@mediate/engine';
import { AttributeInput } from './AttributeInput.js';
import { DraftTextarea } from './DraftInput.js';
import { EndpointInput } from './EndpointInput.js';
import { ListTable } from './ListTable.js';
import { ValueOrExpression } from './ValueOrExpression.js';

export interface FieldRowProps {
  readonly field: Field;
  readonly values: MediatorValues;
  readonly change: (values: FieldChanges) => void;
  /** Messages from the project's validation for this field. */
  readonly problems: readonly string[];
  /** The expression field shown with this literal as one value/expression switch. */
  readonly partner?: AttributeField;
  /** Messages for the partner. */
  readonly partnerProblems?: readonly string[];
}

export function FieldRow({
  field: f,
  values,
  change,
  problems,
  partner,
  partnerProblems = [],
}: FieldRowProps) {
  const v = values[f.key];
  switch (f.type) {
    case 'text':
    case 'body':
    case 'xml': {
      const text = typeof v === 'string' ? v : '';
      const bad =
        f.type === 'xml' && text.trim() && !parseXml(text.trim()).ok ? 'Not well-formed XML.' : undefined;
      return (
        <label className="field">
          <span className="field-label">{f.label}</span>
          <DraftTextarea
            data-testid={`field-${f.key}`}
            className="mono"
            rows={f.type === 'body' ? 8 : 3}
            value={text}
            spellCheck={false}
            onValue={(t) => {
              // Half-typed inline XML cannot be written into the document; wait until it parses.
              if (f.type === 'xml' && t.trim() && !parseXml(t.trim()).ok) return;
              change({ [f.key]: t.trim() === '' ? null : t });
            }}
          />
          {[...(bad ? [bad] : []), ...problems].map((m) => (
            <span key={m} className="field-error">
              {m}
            </span>
          ))}
        </label>
      );
    }
    case 'list':
      return (
        <ListTable
          field={f}
          rows={(v as readonly ListRow[] | undefined) ?? []}
          problems={problems}
          onChange={(rows) => change({ [f.key]: rows === null || rows.length === 0 ? null : rows })}
        />
      );
    case 'child': {
      const row = v as (ListRow & { text?: string }) | undefined;
      return (
        <fieldset className="field child-field" data-testid={`field-${f.key}`}>
          <legend>
            {f.label}{' '}
            {row ? (
              <button className="small" onClick={() => change({ [f.key]: null })}>
                Remove
              </button>
            ) : (
              <button
                className="small"
                data-testid={`field-${f.key}-add`}
                onClick={() => change({ [f.key]: {} })}
              >
                Add
              </button>
            )}
          </legend>
          {row &&
            f.fields.map((c) => (
              <AttributeInput
                key={c.key}
                field={c}
                value={row[c.key]}
                testId={`field-${f.key}-${c.key}`}
                onChange={(x) => change({ [f.key]: { ...row, [c.key]: x } })}
              />
            ))}
          {row && f.inlineXml && row.inlineXml !== undefined && (
            <label className="field">
              <span className="field-label">Inline XML</span>
              <DraftTextarea
                className="mono"
                rows={4}
                data-testid={`field-${f.key}-inline-xml`}
                value={row.inlineXml}
                onValue={(t) => change({ [f.key]: { ...row, inlineXml: t } })}
              />
            </label>
          )}
          {row && f.withText && row.inlineXml === undefined && (
            <label className="field">
              <span className="field-label">Text</span>
              <DraftTextarea
                className="mono"
                rows={2}
                data-testid={`field-${f.key}-text`}
                value={row.text ?? ''}
                onValue={(t) => change({ [f.key]: { ...row, text: t } })}
              />
            </label>
          )}
          {problems.map((m) => (
            <span key={m} className="field-error">
              {m}
            </span>
          ))}
        </fieldset>
      );
    }
    case 'endpointChild':
      return (
        <EndpointInput
          field={f}
          value={v as EndpointValue | undefined}
          problems={problems}
          onChange={(ep) => change({ [f.key]: ep })}
        />
      );
    default:
      if (partner)
        return (
          <ValueOrExpression
            field={f}
            expression={partner}
            values={values}
            testId={`field-${f.key}`}
            expressionTestId={`field-${partner.key}`}
            problems={{ [f.key]: problems, [partner.key]: partnerProblems }}
            onChange={(c) =>
              change(Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v === undefined ? null : v])))
            }
          />
        );
      return (
        <AttributeInput
          field={f}
          value={typeof v === 'string' ? v : undefined}
          testId={`field-${f.key}`}
          problems={problems}
          onChange={(x) => change({ [f.key]: x === undefined ? null : x })}
        />
      );
  }
}
