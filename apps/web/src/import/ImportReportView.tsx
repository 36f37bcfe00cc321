/**
 * An import's report: each artifact imported (type, name, the file it came from) and each thing
 * not imported with its reason (and line and column for a file that does not parse).
 */
import type { ImportReport } from '@mediate/engine';

const CONFIG_NOTE = {
  copied: (from?: string) => `deployment.toml copied from ${from ?? 'the source'}.`,
  default: () => 'A default deployment.toml was written (the source has none).',
  kept: () => "The project's own deployment.toml is kept.",
} as const;

export function ImportReportView({ report }: { report: ImportReport }) {
  const n = report.imported.length;
  return (
    <div className="import-report" data-testid="import-report">
      <h3>
        Imported {n} artifact{n === 1 ? '' : 's'} from <span className="mono">{report.source.path}</span>
      </h3>
      {n > 0 && (
        <table className="import-table">
          <tbody>
            {report.imported.map((a) => (
              <tr key={a.file} data-testid="import-imported" data-name={a.name}>
                <td className="mono">{a.type}</td>
                <td className="mono">
                  {a.name}
                  {a.renamedFrom && <span className="muted"> (renamed from {a.renamedFrom})</span>}
                </td>
                <td className="mono muted">{a.from}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">{CONFIG_NOTE[report.config.action](report.config.from)}</p>
      {report.skipped.length > 0 ? (
        <>
          <h3>Not imported ({report.skipped.length})</h3>
          <table className="import-table">
            <tbody>
              {report.skipped.map((s, i) => (
                <tr key={i} data-testid="import-skipped" data-kind={s.kind}>
                  <td>{s.what}</td>
                  <td>{s.reason}</td>
                  <td className="mono muted">
                    {s.from}
                    {s.line !== undefined ? `:${s.line}:${s.column ?? 1}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="muted">Nothing was left out.</p>
      )}
    </div>
  );
}
