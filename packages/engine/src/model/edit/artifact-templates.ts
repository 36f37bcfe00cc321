/**
 * The XML of a new artifact of each type, as MI's tooling writes them.
 */
import { artifactNameProblem } from '../artifacts/artifact-name.js';
import { SYNAPSE_NS } from '../artifacts/artifact-parse.js';
import { FIRST_INBOUND_PORT } from '../project/project-ports.js';
import type { SavedType } from './artifact-keys.js';

const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

/**
 * The text of a new, minimal artifact. An inbound endpoint listens on `port` (pick one nobody in
 * the project uses: the engine's `freeInboundPort`).
 */
export function artifactTemplate(type: SavedType, name: string, port = FIRST_INBOUND_PORT): string {
  const ns = `xmlns="${SYNAPSE_NS}"`;
  switch (type) {
    case 'sequence':
      return `${DECL}<sequence name="${name}" ${ns}>\n</sequence>\n`;
    case 'proxy':
      // Sequences by reference, as in the seed; the form adds inline ones on request.
      return `${DECL}<proxy name="${name}" transports="http,https" startOnLoad="true" ${ns}>\n    <target/>\n</proxy>\n`;
    case 'api':
      return `${DECL}<api name="${name}" context="/${name.toLowerCase()}" ${ns}>\n    <resource methods="GET POST" uri-template="/*">\n        <inSequence>\n        </inSequence>\n    </resource>\n</api>\n`;
    case 'inboundEndpoint':
      return `${DECL}<inboundEndpoint name="${name}" protocol="ws" suspend="false" ${ns}>\n    <parameters>\n        <parameter name="inbound.ws.port">${port}</parameter>\n    </parameters>\n</inboundEndpoint>\n`;
    case 'endpoint':
      return `${DECL}<endpoint name="${name}" ${ns}>\n    <address uri="ws://localhost:8082/websocket"/>\n</endpoint>\n`;
    case 'localEntry':
      return `${DECL}<localEntry key="${name}" ${ns}>\n</localEntry>\n`;
  }
}

/** Names are file names too: the engine's one rule (also the API's and validation's). */
export function checkArtifactName(name: string): string | undefined {
  return artifactNameProblem(name);
}
