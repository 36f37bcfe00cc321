// @ts-check
/**
 * Node-RED flows equivalent to the seed example, built from stock nodes only.
 *
 * Scenario A (WebSocket in → back end → the same client): Node-RED's `websocket out` on a listener
 * sends to the client named by `msg._session`, or to every client when there is none. The back
 * end's replies arrive on a `websocket in` bound to the back-end client connection, with no
 * session, so stock nodes would broadcast every reply to every client. Two function nodes route
 * replies to their sender instead: the first queues `msg._session` before the frame goes to the
 * back end (and removes it, or `websocket out` on a client config would look the session up among
 * its own (absent) server clients and drop the frame); the second takes the head of the queue as
 * the reply's session. Node-RED has one back-end connection for all clients, and the back end
 * answers every frame in order, so first in, first out matches each reply to its request.
 *
 * Scenario B (HTTP POST → 202, body to the back end): `http in` wired to `websocket out` (its own
 * back-end connection, so Scenario A's queue never sees these replies) and to `http response`
 * with status 202.
 */

/** @param {number} n */
const at = (n) => ({ x: 150 + n * 200, y: 80 });

/**
 * @param {{ backendUrl: string, wsPath: string, httpPath: string }} o
 * @returns {object[]} the flows file's content
 */
export function benchFlows(o) {
  const client = (/** @type {string} */ id) => ({
    id,
    type: 'websocket-client',
    path: o.backendUrl,
    tls: '',
    wholemsg: 'false',
    hb: '0', // no heartbeat pings: the other targets send none either
    subprotocol: '',
    headers: [],
  });
  return [
    { id: 'tab', type: 'tab', label: 'bench', disabled: false, info: '' },
    { id: 'listenerA', type: 'websocket-listener', path: o.wsPath, wholemsg: 'false' },
    client('backendA'),
    client('backendB'),
    {
      id: 'inA',
      type: 'websocket in',
      z: 'tab',
      name: 'from clients',
      server: 'listenerA',
      client: '',
      ...at(0),
      wires: [['remember']],
    },
    {
      id: 'remember',
      type: 'function',
      z: 'tab',
      name: 'remember sender',
      func: "let q = flow.get('pending');\nif (!q) { q = []; flow.set('pending', q); }\nq.push(msg._session);\ndelete msg._session;\nreturn msg;",
      outputs: 1,
      timeout: 0,
      noerr: 0,
      initialize: '',
      finalize: '',
      libs: [],
      ...at(1),
      wires: [['toBackendA']],
    },
    {
      id: 'toBackendA',
      type: 'websocket out',
      z: 'tab',
      name: 'to back end',
      server: '',
      client: 'backendA',
      ...at(2),
      wires: [],
    },
    {
      id: 'fromBackendA',
      type: 'websocket in',
      z: 'tab',
      name: 'replies',
      server: '',
      client: 'backendA',
      x: 150,
      y: 160,
      wires: [['route']],
    },
    {
      id: 'route',
      type: 'function',
      z: 'tab',
      name: 'route to sender',
      func: "const q = flow.get('pending');\nmsg._session = q ? q.shift() : undefined;\nreturn msg;",
      outputs: 1,
      timeout: 0,
      noerr: 0,
      initialize: '',
      finalize: '',
      libs: [],
      x: 350,
      y: 160,
      wires: [['toClient']],
    },
    {
      id: 'toClient',
      type: 'websocket out',
      z: 'tab',
      name: 'to sender',
      server: 'listenerA',
      client: '',
      x: 550,
      y: 160,
      wires: [],
    },
    {
      id: 'inB',
      type: 'http in',
      z: 'tab',
      name: 'POST',
      url: o.httpPath,
      method: 'post',
      upload: false,
      swaggerDoc: '',
      x: 150,
      y: 240,
      wires: [['toBackendB', 'accepted']],
    },
    {
      id: 'toBackendB',
      type: 'websocket out',
      z: 'tab',
      name: 'to back end',
      server: '',
      client: 'backendB',
      x: 350,
      y: 240,
      wires: [],
    },
    {
      id: 'accepted',
      type: 'http response',
      z: 'tab',
      name: '202',
      statusCode: '202',
      headers: {},
      x: 350,
      y: 300,
      wires: [],
    },
  ];
}
