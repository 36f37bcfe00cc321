/**
 * Names and keys across the project: every artifact has a name that is a portable file name;
 * two artifacts of one type never share a name; and sequences, endpoints and local entries never
 * share a key, because MI keeps all three in one local registry: SynapseConfiguration's
 * addSequence, addEndpoint and addEntry each call assertAlreadyExists(key), which refuses a key
 * already in `localRegistry` whatever it holds ("Duplicate <type> definition for key : <key>",
 * wso2/wso2-synapse modules/core/src/main/java/org/apache/synapse/config/SynapseConfiguration.java).
 */
import { artifactNameProblem } from '../artifacts/artifact-name.js';
import type { Artifact } from '../artifacts/artifact-types.js';
import type { ArtifactEmit } from './artifact-emit.js';

/** The artifact types that share MI's local registry. */
const REGISTRY_TYPES = new Set<Artifact['type']>(['sequence', 'endpoint', 'localEntry']);

const TYPE_LABEL: Partial<Record<Artifact['type'], string>> = {
  sequence: 'sequence',
  endpoint: 'endpoint',
  localEntry: 'local entry',
};

/** Checks one artifact's name against those seen before it; call in project order. */
export class NameChecks {
  private readonly byTypeAndName = new Map<string, Artifact>();
  private readonly registry = new Map<string, Artifact>();

  check(a: Artifact, emit: ArtifactEmit): void {
    if (a.type === 'unsupported') return;
    if (!a.name) {
      emit(
        'error',
        'REQUIRED_FIELD',
        `The <${a.doc.root.name}> artifact needs a ${a.type === 'localEntry' ? 'key' : 'name'}.`,
      );
      return;
    }
    const problem = artifactNameProblem(a.name);
    if (problem) emit('error', 'ARTIFACT_NAME_UNSAFE', `Artifact name ${problem}`);
    const key = `${a.type}:${a.name}`;
    if (this.byTypeAndName.has(key)) {
      emit('error', 'ARTIFACT_DUPLICATE', `There are two ${a.type} artifacts named '${a.name}'.`);
      return;
    }
    this.byTypeAndName.set(key, a);
    if (!REGISTRY_TYPES.has(a.type)) return;
    const other = this.registry.get(a.name);
    if (other && other.type !== a.type) {
      emit(
        'error',
        'REGISTRY_KEY_CLASH',
        `The ${TYPE_LABEL[a.type]} '${a.name}' has the key of the ${TYPE_LABEL[other.type]} '${other.name}'${other.file ? ` (${other.file})` : ''}: sequences, endpoints and local entries share one registry in MI, which refuses the second ("Duplicate ${TYPE_LABEL[a.type]} definition for key : ${a.name}"). Rename one of them.`,
      );
    } else if (!other) this.registry.set(a.name, a);
  }
}
