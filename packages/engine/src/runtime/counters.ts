/**
 * Message and error counters per artifact and per mediator since the last deploy, for the
 * studio's live counts. An increment on a cached object per message; no allocation.
 */

/** One counter. */
export interface Counter {
  messages: number;
  errors: number;
}

export interface ArtifactCounter extends Counter {
  readonly type: string;
  readonly name: string;
}

export interface MediatorCounter extends Counter {
  readonly artifact: string;
  readonly path: string;
}

export class Counters {
  private artifacts = new Map<string, ArtifactCounter>();
  /** Counters by scope object: listeners and routes keep one scope object each. */
  private byScope = new WeakMap<object, ArtifactCounter>();
  private mediators = new Map<string, MediatorCounter>();

  /** The counter of an artifact (created on first use). */
  artifact(type: string, name: string): ArtifactCounter {
    const key = `${type}:${name}`;
    let c = this.artifacts.get(key);
    if (!c) this.artifacts.set(key, (c = { type, name, messages: 0, errors: 0 }));
    return c;
  }

  /** The counter of an artifact scope object, found without building a key per message. */
  forScope(scope: { readonly type: string; readonly name: string }): ArtifactCounter {
    let c = this.byScope.get(scope);
    if (!c) this.byScope.set(scope, (c = this.artifact(scope.type, scope.name)));
    return c;
  }

  /** The counter of a mediator, by artifact name and formatted path (created on first use). */
  mediator(artifact: string, path: string): MediatorCounter {
    const key = `${artifact}:${path}`;
    let c = this.mediators.get(key);
    if (!c) this.mediators.set(key, (c = { artifact, path, messages: 0, errors: 0 }));
    return c;
  }

  /** Starts counting afresh (a deploy). Counter objects held by old code stop being reported. */
  reset(): void {
    this.artifacts = new Map();
    this.mediators = new Map();
    this.byScope = new WeakMap();
  }

  snapshot(): { artifacts: ArtifactCounter[]; mediators: MediatorCounter[] } {
    return {
      artifacts: [...this.artifacts.values()].map((c) => ({ ...c })),
      mediators: [...this.mediators.values()].map((c) => ({ ...c })),
    };
  }
}
