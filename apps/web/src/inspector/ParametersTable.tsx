/**
 * Parameter rows of an artifact (`<parameters><parameter name>value</parameter>…` for an inbound
 * endpoint, `<parameter>` children of the root for a proxy), as a name/value table. The
 * parameters its definition knows are offered to add, with their meaning and default.
 */
import {
  artifactDefinition,
  artifactKey,
  offeredParameters,
  type InboundEndpointArtifact,
  type ParameterRow,
  type ProxyArtifact,
} from '@mediate/engine';
import { parametersCommand } from '../state/commands.js';
import { studio } from '../state/store.js';
import { DraftInput } from './DraftInput.js';

export function ParametersTable({ artifact: a }: { artifact: InboundEndpointArtifact | ProxyArtifact }) {
  const spec = artifactDefinition(a.type).parameters;
  const rows: ParameterRow[] = a.parameters.map((p) => ({ name: p.name, value: p.value }));
  const write = (next: ParameterRow[]) =>
    studio.getState().dispatch(parametersCommand(artifactKey(a), next, spec?.wrapper), 'record');
  const known = (name: string) => spec?.known?.find((p) => p.name === name);
  const offered = offeredParameters(spec, rows, a.type === 'inboundEndpoint' ? a.protocol : undefined);
  return (
    <div className="field list-field" data-testid="artifact-parameters">
      <span className="field-label">Parameters</span>
      <table>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.name}>
              <td className="mono" title={known(r.name)?.meaning}>
                {r.name}
              </td>
              <td>
                <DraftInput
                  data-testid={`parameter-${r.name}`}
                  value={r.value}
                  placeholder={known(r.name)?.default}
                  onValue={(v) => write(rows.map((x, k) => (k === i ? { ...x, value: v } : x)))}
                />
              </td>
              <td>
                <button
                  className="icon-button"
                  title="Remove"
                  onClick={() => write(rows.filter((_, k) => k !== i))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {offered.length > 0 && (
        <select
          data-testid="parameter-add"
          value=""
          onChange={(e) => e.target.value && write([...rows, { name: e.target.value, value: '' }])}
        >
          <option value="">+ Add parameter…</option>
          {offered.map((p) => (
            <option key={p.name} value={p.name} title={p.meaning}>
              {p.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
