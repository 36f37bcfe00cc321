/**
 * The Try-it tab: a WebSocket client and an HTTP client side by side in one tab.
 */
import { useState } from 'react';
import { HttpClient } from './HttpClient.js';
import { WsClient } from './WsClient.js';

export function TryIt() {
  const [mode, setMode] = useState<'ws' | 'http'>('ws');
  return (
    <div className="try-it">
      <div className="segmented">
        <button
          className={mode === 'ws' ? 'on' : ''}
          data-testid="tryit-mode-ws"
          onClick={() => setMode('ws')}
        >
          WebSocket
        </button>
        <button
          className={mode === 'http' ? 'on' : ''}
          data-testid="tryit-mode-http"
          onClick={() => setMode('http')}
        >
          HTTP
        </button>
      </div>
      {/* Both stay mounted so an open socket survives switching. */}
      <div hidden={mode !== 'ws'}>
        <WsClient />
      </div>
      <div hidden={mode !== 'http'}>
        <HttpClient />
      </div>
    </div>
  );
}
