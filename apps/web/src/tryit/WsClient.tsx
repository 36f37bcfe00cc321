/**
 * A WebSocket client for the inbound endpoints: URL (prefilled), subprotocol, connect, send,
 * close, and a timeline of frames in and out and of connection events.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStudio } from '../state/store.js';
import { splitSubprotocols, subprotocolProblem } from './subprotocol-check.js';
import { wsTargets } from './try-targets.js';

interface Frame {
  readonly id: number;
  readonly dir: 'in' | 'out' | 'event';
  readonly text: string;
  readonly time: number;
}

let frameId = 0;

export function WsClient() {
  const project = useStudio((s) => s.project);
  const targets = useMemo(() => wsTargets(project, window.location.hostname || 'localhost'), [project]);
  const [url, setUrl] = useState('');
  const [protocol, setProtocol] = useState('');
  const [message, setMessage] = useState('hello');
  const [frames, setFrames] = useState<Frame[]>([]);
  const [state, setState] = useState<'closed' | 'connecting' | 'open'>('closed');
  const ws = useRef<WebSocket | null>(null);
  const effectiveUrl = url || targets[0]?.url || '';
  const protocolProblem = subprotocolProblem(protocol);
  const add = (dir: Frame['dir'], text: string) =>
    setFrames((f) => [...f.slice(-499), { id: ++frameId, dir, text, time: Date.now() }]);
  useEffect(() => () => ws.current?.close(), []);

  const connect = () => {
    ws.current?.close();
    let sock: WebSocket;
    try {
      const protocols = splitSubprotocols(protocol);
      sock = new WebSocket(effectiveUrl, protocols.length ? protocols : undefined);
    } catch (e) {
      add('event', `Cannot connect: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    ws.current = sock;
    setState('connecting');
    add('event', `Connecting to ${effectiveUrl}${protocol ? ` (${protocol})` : ''}`);
    sock.onopen = () => {
      setState('open');
      add('event', `Open${sock.protocol ? `, subprotocol ${sock.protocol}` : ''}`);
    };
    sock.onmessage = (m) =>
      add(
        'in',
        typeof m.data === 'string' ? m.data : `[binary ${String((m.data as Blob).size ?? '')} bytes]`,
      );
    sock.onerror = () => add('event', 'Error (see the close code)');
    sock.onclose = (c) => {
      if (ws.current === sock) ws.current = null;
      setState('closed');
      add('event', `Closed ${c.code}${c.reason ? ` ${c.reason}` : ''}`);
    };
  };

  const send = () => {
    if (ws.current?.readyState !== WebSocket.OPEN) return;
    ws.current.send(message);
    add('out', message);
  };

  return (
    <div className="try-ws" data-native-undo>
      <div className="toolbar">
        <input
          className="url mono"
          list="ws-targets"
          data-testid="tryit-ws-url"
          placeholder="ws://localhost:9092/"
          value={effectiveUrl}
          onChange={(e) => setUrl(e.target.value)}
        />
        <datalist id="ws-targets">
          {targets.map((t) => (
            <option key={t.url} value={t.url}>
              {t.label}
            </option>
          ))}
        </datalist>
        <input
          className="mono"
          data-testid="tryit-ws-protocol"
          placeholder="subprotocol (optional), e.g. chat"
          aria-describedby="tryit-ws-protocol-note"
          aria-invalid={!!protocolProblem}
          value={protocol}
          onChange={(e) => setProtocol(e.target.value)}
        />
        {state === 'closed' ? (
          <button
            data-testid="tryit-ws-connect"
            className="primary"
            onClick={connect}
            disabled={!effectiveUrl || !!protocolProblem}
          >
            Connect
          </button>
        ) : (
          <button data-testid="tryit-ws-close" onClick={() => ws.current?.close(1000, 'closed from Try-it')}>
            Close
          </button>
        )}
        <span className={`dot dot-${state}`} data-testid="tryit-ws-state" data-state={state} title={state} />
      </div>
      {protocolProblem ? (
        <p className="field-error try-note" id="tryit-ws-protocol-note" data-testid="tryit-ws-protocol-error">
          {protocolProblem}
        </p>
      ) : (
        <p className="muted try-note" id="tryit-ws-protocol-note" data-testid="tryit-ws-protocol-hint">
          Subprotocols are comma-separated RFC 6455 tokens. Browsers refuse MI&apos;s synapse(contentType=…)
          form; the inbound endpoint&apos;s ws.default.content.type parameter sets the content type instead.
        </p>
      )}
      <div className="try-compose">
        <textarea
          className="mono"
          data-testid="tryit-ws-message"
          rows={2}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              e.stopPropagation();
              send();
            }
          }}
        />
        <button data-testid="tryit-ws-send" onClick={send} disabled={state !== 'open'}>
          Send
        </button>
        <button onClick={() => setFrames([])}>Clear</button>
      </div>
      <ol className="timeline" data-testid="tryit-ws-timeline">
        {frames.map((f) => (
          <li key={f.id} className={`frame frame-${f.dir}`} data-testid="tryit-ws-frame" data-dir={f.dir}>
            <span className="frame-dir">{f.dir === 'in' ? '↓' : f.dir === 'out' ? '↑' : '•'}</span>
            <span className="frame-time">{new Date(f.time).toLocaleTimeString()}</span>
            <span className="frame-text mono">{f.text}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
