/**
 * A list field (log's properties, …) as a table: one row per child element, one column per
 * attribute (a literal and its expression share one column with a switch), with add and remove.
 */
import { expressionPartners, type AttributeField, type ListField, type ListRow } from '@mediate/engine';
import { AttributeInput } from './AttributeInput.js';
import { ValueOrExpression } from './ValueOrExpression.js';

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
  const setCells = (i: number, cells: Record<string, string | undefined>) =>
    onChange(rows.map((r, k) => (k === i ? ({ ...r, ...cells } as ListRow) : r)));
  const partners = expressionPartners(f.fields);
  const columns = f.fields.filter((c) => !partners.has(c.key));
  const partnerOf = (c: AttributeField) => f.fields.find((x) => x.key === c.orExpression);
  const blank = (): ListRow =>
    Object.fromEntries(f.fields.map((c) => [c.key, c.required ? c.key : undefined]));
  return (
    <div className="field list-field" data-testid={`field-${f.key}`}>
      <span className="field-label">{f.label}</span>
      {rows.length > 0 && (
        <table>
          <thead>
            <tr>
              {columns.map((c) => {
                const p = partnerOf(c);
                return <th key={c.key}>{p ? `${c.label} / ${p.label.toLowerCase()}` : c.label}</th>;
              })}
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {columns.map((c) => {
                  const p = partnerOf(c);
                  return (
                    <td key={c.key}>
                      {p ? (
                        <ValueOrExpression
                          compact
                          field={c}
                          expression={p}
                          values={row}
                          onChange={(cells) => setCells(i, cells)}
                          testId={`field-${f.key}-${i}-${c.key}`}
                          expressionTestId={`field-${f.key}-${i}-${p.key}`}
                        />
                      ) : (
                        <AttributeInput
                          compact
                          field={c}
                          value={row[c.key]}
                          onChange={(v) => setCells(i, { [c.key]: v })}
                          testId={`field-${f.key}-${i}-${c.key}`}
                        />
                      )}
                    </td>
                  );
                })}
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
