/**
 * Parameter rows of an inbound endpoint (`<parameters><parameter name>value</parameter>…`) or a
 * proxy (`<parameter>` children of the root), as a name/value table with MI's known names offered.
 */
import type { InboundEndpointArtifact, ProxyArtifact } from '@mediate/engine';
import { artifactKey } from '../model/artifact-keys.js';
import type { ParameterRow } from '../model/artifact-edits.js';
import { parametersCommand } from '../state/commands.js';
import { studio } from '../state/store.js';
import { DraftInput } from './DraftInput.js';

/** The WebSocket inbound endpoint's parameters (DESIGN.md §4). */
const KNOWN = [
  'inbound.ws.port',
  'ws.client.side.broadcast.level',
  'ws.outflow.dispatch.sequence',
  'ws.outflow.dispatch.fault.sequence',
  'ws.default.content.type',
  'ws.shutdown.status.code',
  'ws.shutdown.status.message',
  'wss.ssl.key.file',
  'wss.ssl.cert.file',
];

export function ParametersTable({ artifact: a }: { artifact: InboundEndpointArtifact | ProxyArtifact }) {
  const rows: ParameterRow[] = a.parameters.map((p) => ({ name: p.name, value: p.value }));
  const write = (next: ParameterRow[]) =>
    studio
      .getState()
      .dispatch(
        parametersCommand(artifactKey(a), next, a.type === 'inboundEndpoint' ? 'parameters' : undefined),
        'record',
      );
  const unused = KNOWN.filter((k) => !rows.some((r) => r.name === k));
  return (
    <div className="field list-field" data-testid="artifact-parameters">
      <span className="field-label">Parameters</span>
      <table>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.name}>
              <td className="mono">{r.name}</td>
              <td>
                <DraftInput
                  data-testid={`parameter-${r.name}`}
                  value={r.value}
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
      {a.type === 'inboundEndpoint' && unused.length > 0 && (
        <select
          data-testid="parameter-add"
          value=""
          onChange={(e) => e.target.value && write([...rows, { name: e.target.value, value: '' }])}
        >
          <option value="">+ Add parameter…</option>
          {unused.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
