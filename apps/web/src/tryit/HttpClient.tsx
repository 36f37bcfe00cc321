/**
 * An HTTP client for proxies and APIs, sent by the server (POST /api/try/http) so no browser
 * CORS rules get in the way: method, URL (prefilled), headers, body; shows status, headers,
 * body and time.
 */
import type { TryHttpResponse } from '@mediate/engine';
import { useMemo, useState } from 'react';
import { api } from '../api/client.js';
import { useStudio } from '../state/store.js';
import { httpTargets } from './try-targets.js';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

/** Reads `Name: value` lines. */
export function parseHeaders(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

export function HttpClient() {
  const project = useStudio((s) => s.project);
  const targets = useMemo(() => httpTargets(project), [project]);
  // The server sends the request: nothing to send it with while it is offline.
  const online = useStudio((s) => s.server === 'online');
  const [method, setMethod] = useState('POST');
  const [url, setUrl] = useState('');
  const [headers, setHeaders] = useState('Content-Type: application/json');
  const [body, setBody] = useState('{"hello": "world"}');
  const [res, setRes] = useState<TryHttpResponse | { error: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const effectiveUrl = url || targets[0]?.url || '';
  const send = async () => {
    setBusy(true);
    try {
      setRes(
        await api.tryHttp({
          method,
          url: effectiveUrl,
          headers: parseHeaders(headers),
          ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
        }),
      );
    } catch (e) {
      setRes({ error: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="try-http" data-native-undo>
      <div className="toolbar">
        <select data-testid="tryit-http-method" value={method} onChange={(e) => setMethod(e.target.value)}>
          {METHODS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <input
          className="url mono"
          list="http-targets"
          data-testid="tryit-http-url"
          value={effectiveUrl}
          placeholder="http://127.0.0.1:8290/services/…"
          onChange={(e) => setUrl(e.target.value)}
        />
        <datalist id="http-targets">
          {targets.map((t) => (
            <option key={t.url} value={t.url}>
              {t.label}
            </option>
          ))}
        </datalist>
        <button
          className="primary"
          data-testid="tryit-http-send"
          onClick={() => void send()}
          disabled={busy || !effectiveUrl || !online}
          title={online ? undefined : 'The server is offline'}
        >
          {busy ? 'Sending…' : 'Send'}
        </button>
      </div>
      <div className="http-columns">
        <div className="http-request">
          <label className="field-label">Headers</label>
          <textarea
            className="mono"
            rows={3}
            data-testid="tryit-http-headers"
            value={headers}
            onChange={(e) => setHeaders(e.target.value)}
          />
          <label className="field-label">Body</label>
          <textarea
            className="mono"
            rows={5}
            data-testid="tryit-http-body"
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        </div>
        <div className="http-response" data-testid="tryit-http-response">
          {!res && <p className="muted">The response appears here.</p>}
          {res && 'error' in res && <p className="field-error">{res.error}</p>}
          {res && 'status' in res && (
            <>
              <div>
                <span
                  className={`status status-${Math.floor(res.status / 100)}`}
                  data-testid="tryit-http-status"
                >
                  {res.status}
                </span>{' '}
                <span className="muted">{res.ms} ms</span>
              </div>
              <pre className="headers">
                {Object.entries(res.headers)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join('\n')}
              </pre>
              <pre className="payload" data-testid="tryit-http-body-out">
                {res.body}
              </pre>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
