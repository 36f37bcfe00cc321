/**
 * A list field (log's properties, …) as a table: one row per child element, one column per
 * attribute, with add and remove.
 */
import type { ListField, ListRow } from '@mediate/engine';
import { AttributeInput } from './AttributeInput.js';

export function ListTable({
  field: f,
  rows,
  onChange,
  problems,
}: {
  field: ListField;
  rows: readonly ListRow[];
  onChange: (rows: readonly ListRow[] | null) => void;
  problems: readonly string[];
}) {
  const setCell = (i: number, key: string, v: string | undefined) =>
    onChange(rows.map((r, k) => (k === i ? ({ ...r, [key]: v } as ListRow) : r)));
  const blank = (): ListRow =>
    Object.fromEntries(f.fields.map((c) => [c.key, c.required ? c.key : undefined]));
  return (
    <div className="field list-field" data-testid={`field-${f.key}`}>
      <span className="field-label">{f.label}</span>
      {rows.length > 0 && (
        <table>
          <thead>
            <tr>
              {f.fields.map((c) => (
                <th key={c.key}>{c.label}</th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {f.fields.map((c) => (
                  <td key={c.key}>
                    <AttributeInput
                      compact
                      field={c}
                      value={row[c.key]}
                      onChange={(v) => setCell(i, c.key, v)}
                      testId={`field-${f.key}-${i}-${c.key}`}
                    />
                  </td>
                ))}
                <td>
                  <button
                    className="icon-button"
                    title="Remove row"
                    data-testid={`field-${f.key}-${i}-remove`}
                    onClick={() => onChange(rows.filter((_, k) => k !== i))}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.some((r) => r.inlineXml !== undefined) && (
        <span className="muted">Rows with inline XML are edited in Source.</span>
      )}
      <button
        className="small"
        data-testid={`field-${f.key}-add`}
        onClick={() => onChange([...rows, blank()])}
      >
        + Add {f.label.toLowerCase().replace(/ies$/, 'y').replace(/s$/, '')}
      </button>
      {problems.map((m) => (
        <span key={m} className="field-error">
          {m}
        </span>
      ))}
    </div>
  );
}
