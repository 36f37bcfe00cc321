/**
 * The seed's Example 1 (WebSocket client → inbound endpoint 9092 → WebSocket back end) plus the
 * proxy of Example 2: what the studio shows when it has no server to load from.
 */
import type { ProjectFile } from './project.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

export const EXAMPLE_FILES: readonly ProjectFile[] = [
  {
    path: 'artifacts/sequences/dispatchSeq.xml',
    text: `${DECL}<sequence name="dispatchSeq" trace="disable" ${NS}>\n    <property name="OUT_ONLY" scope="default" type="STRING" value="true"/>\n    <send>\n        <endpoint>\n            <address uri="ws://localhost:8082/websocket"/>\n        </endpoint>\n    </send>\n</sequence>\n`,
  },
  {
    path: 'artifacts/sequences/outDispatchSeq.xml',
    text: `${DECL}<sequence name="outDispatchSeq" trace="disable" ${NS}>\n    <log level="full"/>\n    <respond/>\n</sequence>\n`,
  },
  {
    path: 'artifacts/inbound-endpoints/WebSocketInbound.xml',
    text: `${DECL}<inboundEndpoint name="WebSocketInbound" protocol="ws" sequence="dispatchSeq" onError="fault" suspend="false" ${NS}>\n    <parameters>\n        <parameter name="inbound.ws.port">9092</parameter>\n        <parameter name="ws.client.side.broadcast.level">0</parameter>\n        <parameter name="ws.outflow.dispatch.sequence">outDispatchSeq</parameter>\n        <parameter name="ws.outflow.dispatch.fault.sequence">fault</parameter>\n    </parameters>\n</inboundEndpoint>\n`,
  },
  {
    path: 'artifacts/proxy-services/websocketProxy1.xml',
    text: `<proxy ${NS}\n       name="websocketProxy1"\n       transports="http,https"\n       statistics="disable"\n       trace="disable"\n       startOnLoad="true">\n    <target inSequence="dispatchSeq" faultSequence="outDispatchSeq"/>\n    <description/>\n</proxy>\n`,
  },
];
