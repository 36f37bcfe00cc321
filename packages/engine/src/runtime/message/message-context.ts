/**
 * The message context: one per message, as in Synapse. Scope maps are created on first write
 * so a relayed frame that never touches a scope allocates none.
 */
import type { Document } from '@xmldom/xmldom';
import type { ExpressionContext, ReadScope } from '../expressions/expression-types.js';
import { randomUUID } from 'node:crypto';
import { httpMessageId, nextMessageId } from './message-id.js';
import type { FlowSource } from '../transports/flow-control.js';
import { copyMap } from './message-copy.js';
import { headerMapOf, headerMapOfRaw, type HeaderEntry } from './header-map.js';
import { setSystemProperty, systemProperty } from './system-properties.js';
import { builderMessageType, type MessageFormat } from './message-format.js';
import type { Payload } from './payload.js';
import type { ArtifactScope, WriteScope } from './message-scopes.js';
import { specialProperty } from './special-properties.js';

export type { ArtifactScope, WriteScope } from './message-scopes.js';

/** Where a message came from, and how `respond` reaches its client. */
export interface Responder {
  /** Writes `ctx`'s payload back to the client (or clients, by broadcast level). */
  respond(ctx: MessageContext): void;
  /**
   * Calls `done` once this message's client has been answered or has gone away (HTTP clients
   * only): what a throttle's MaximumConcurrentAccess counts a message in flight until.
   */
  onFinished?(done: () => void): void;
  /** Closes the client with a code and reason (WebSocket clients only). */
  close?(code: number, reason: string): void;
  readonly kind: 'ws' | 'http';
}

/**
 * The WebSocket inbound client a message belongs to. This layer only carries it: the WebSocket
 * transport adds what an owner of back-end connections holds (declaration merging in
 * transports/backend-connection.ts), so the message context imports nothing of the transports.
 */
export interface MessageClient {
  /** Says which client in log lines: `client 127.0.0.1:50123 on wsInbound/path`. */
  readonly label: string;
  /**
   * The properties MI sets on every message of an inbound client (its path, channel id, the
   * endpoint's name…): read when a message has not set the name itself, so a frame carries
   * them without one map write each.
   */
  inboundProperty?(scope: 'default' | 'axis2', name: string): unknown;
}

/** Synapse's message context. */
export class MessageContext implements ExpressionContext {
  private idCache: string | undefined;
  private props: Map<string, unknown> | undefined;
  private axis2Props: Map<string, unknown> | undefined;
  /** Transport headers, keyed lower-case; the value keeps the name as written. */
  private headerMap: Map<string, HeaderEntry> | undefined;
  private operationProps: Map<string, unknown> | undefined;
  private vars: Map<string, unknown> | undefined;
  /** URI-template and query parameters of an API call. */
  urlParams: Readonly<Record<string, string>> | undefined;
  private responseFlag = false;
  private toValue: string | undefined;
  /** The first `To` the message had: the request path and query an HTTP request arrived with. */
  private arrivedTo: string | undefined;
  /** Set once a response was written (respond, or an HTTP send's reply sent back). */
  responded = false;
  /**
   * Fault handlers pushed by sequences with `onError`, innermost last; created on first push, so
   * a message through sequences without `onError` allocates none.
   */
  faults: FaultHandler[] | undefined;
  /**
   * Synapse's function stack (SYNAPSE__FUNCTION__STACK): one frame of parameter values per
   * running sequence template, read through the `func` scope (`$func:name`).
   */
  funcStack: ReadonlyMap<string, unknown>[] | undefined;
  /** The entry point's fault handler (proxy fault sequence, inbound onError), under `faults`. */
  baseFault: FaultHandler | undefined;
  /**
   * A WebSocket frame carried unchanged (`websocket.text.frame.present` /
   * `websocket.binary.frame.present`): sent on as received, never re-serialized.
   */
  frame: 'text' | 'binary' | undefined;
  /** The bytes of that frame as received: what a relay of the frame sends, whatever the payload became. */
  frameData: Buffer | undefined;
  /** The context injected when a WebSocket client completes its handshake (`source.handshake.present`). */
  sourceHandshake = false;
  /** The context injected when a WebSocket client disconnects (`connection.terminate`). */
  connectionTerminate = false;
  /** The context injected when a back-end handshake completes (`websocket.target.handshake.present`). */
  targetHandshake = false;
  /** The WebSocket inbound client this message belongs to (pools its back-end connections). */
  client: MessageClient | undefined;
  /**
   * The connection this message was read from: a write that backs up where the message goes
   * pauses it (transports/flow-control.ts). Undefined for messages nobody reads from a socket.
   */
  source: FlowSource | undefined;
  /**
   * The status an HTTP client waiting on this message gets when the fault path writes nothing:
   * 502 (a back end failed) unless something more precise was found (503: a back end that does
   * not keep up).
   */
  failStatus: number | undefined;
  /** What `loopback` and HTTP responses run: the proxy's out path. */
  responsePath: ((ctx: MessageContext) => boolean | Promise<boolean>) | undefined;
  /** An HTTP request whose response will come from a back end (no 202 now). */
  responsePending = false;
  /**
   * Set by makefault: `soap` when it wrote a SOAP fault, `pox` for a POX fault (Axis2's
   * processingFault). The HTTP listener answers such a message with 500 (fault-status.ts).
   */
  madeFault: 'soap' | 'pox' | undefined;
  /**
   * A copy made by `copy()` (a clone target's message): its client may be answered by another
   * copy, so the fault path does not answer it with 502 for this one.
   */
  isCopy = false;
  /**
   * Set when a non-blocking `call` resumed this message with its response: in MI the message
   * was suspended and came back through its continuation stack, so a clone or iterate copy then
   * goes on after the clone or iterate in its parent's list (ContinuationStackManager).
   */
  resumedAfterCall = false;
  /**
   * GetPropertyFunction's MESSAGE_FORMAT for an HTTP request, fixed when it arrives as Axis2's
   * doingREST and SOAP version are (passthru ServerWorker): a later messageType or payload change
   * does not alter it. Undefined for messages not read from HTTP (WebSocket frames: never REST,
   * so soap11, or soap12 for a SOAP 1.2 payload).
   */
  messageFormat: MessageFormat | undefined;
  /**
   * The Axis2 transport a request came in on (`http`, `https`), for TRANSPORT_IN_NAME
   * (Axis2SynapseEnvironment.injectMessage, ProxyServiceMessageReceiver.receive). Undefined for
   * messages MI injects without one (inbound endpoints).
   */
  transportIn: string | undefined;
  /** The correlation id this message generated (no `activityid` header came with the request). */
  private generatedCorrelation: string | undefined;

  constructor(
    public payload: Payload,
    readonly responder: Responder | undefined,
    readonly artifact: ArtifactScope | undefined,
  ) {}

  /**
   * True on the response path (`<out>` runs, `<in>` is skipped). As Axis2MessageContext's
   * isResponse(): a String `RESPONSE` property decides (`Boolean.valueOf`), else the flag.
   */
  get response(): boolean {
    const o = this.props?.get('RESPONSE');
    return typeof o === 'string' ? o.toLowerCase() === 'true' : this.responseFlag;
  }

  set response(value: boolean) {
    this.responseFlag = value;
  }

  /** The `To` address (the request path for HTTP, empty for WebSocket). */
  get to(): string | undefined {
    return this.toValue;
  }

  set to(value: string | undefined) {
    if (this.arrivedTo === undefined && value !== undefined) this.arrivedTo = value;
    this.toValue = value;
  }

  /** The first `To` the message had (REST_FULL_REQUEST_PATH of an API request). */
  get firstTo(): string | undefined {
    return this.arrivedTo;
  }

  /** HTTP requests get UUID-form ids (MI's passthrough), WebSocket contexts hex+millis ones. */
  httpIds = false;
  /** Raw `[name, value, …]` headers not yet turned into the header map (built on first use). */
  private rawHeaders: readonly string[] | undefined;

  /**
   * The message ID, made on first use. For an HTTP request it is passthru ServerWorker
   * .createMessageContext's: `urn:uuid:` + the correlation id when SourceHandler.setCorrelationId
   * generated that id (no `activityid` header came), else UIDGenerator.generateURNString()'s
   * hex+millis form. A copy gets a fresh one (MessageHelper.cloneMessageContext).
   */
  get messageId(): string {
    if (this.idCache === undefined) {
      if (!this.httpIds) this.idCache = nextMessageId();
      else if (this.isCopy) this.idCache = httpMessageId();
      else {
        const given = this.axis2Props?.get('correlation_id');
        this.idCache =
          given !== undefined && given !== this.generatedCorrelation
            ? nextMessageId()
            : `urn:uuid:${String(this.property('axis2', 'correlation_id'))}`;
      }
    }
    return this.idCache;
  }

  set messageId(value: string) {
    this.idCache = value;
  }

  /** Reads a property (see ExpressionContext). */
  property(scope: ReadScope, name: string): unknown {
    switch (scope) {
      case 'default':
        return this.props?.get(name) ?? specialProperty(this, name);
      case 'axis2': {
        const v = this.axis2Props?.get(name) ?? this.client?.inboundProperty?.('axis2', name);
        if (v === undefined && this.httpIds && name === 'correlation_id') {
          // The pass-through sets a random correlation id when the request carried none.
          const id = randomUUID();
          this.generatedCorrelation = id;
          this.setProperty('axis2', 'correlation_id', id);
          return id;
        }
        // The builder's type (passthru ServerWorker: TransportUtils.getContentType of the
        // Content-Type; handleRESTUrlPost makes a form or type-less request application/xml).
        if (v === undefined && this.httpIds && name === 'messageType')
          return builderMessageType(this.payload.contentType);
        return v;
      }
      case 'transport':
        return this.headers()?.get(name.toLowerCase())?.value;
      case 'operation':
        return this.operationProps?.get(name);
      case 'url':
        return this.urlParams?.[name];
      case 'func':
        return this.funcStack?.[this.funcStack.length - 1]?.get(name);
      case 'env':
        // GetPropertyFunction's `env` scope is System.getenv.
        return typeof process !== 'undefined' ? process.env[name] : undefined;
      case 'system':
        return systemProperty(name);
      default:
        return undefined;
    }
  }

  /** Sets a property; `undefined` removes it. */
  setProperty(scope: WriteScope, name: string, value: unknown): void {
    if (scope === 'system') {
      // PropertyMediator: set is System.setProperty(name, value.toString()); remove does nothing.
      if (value !== undefined) setSystemProperty(name, String(value));
      return;
    }
    if (scope === 'transport') {
      if (value === undefined) this.headers()?.delete(name.toLowerCase());
      else
        (this.headers() ?? (this.headerMap = new Map())).set(name.toLowerCase(), {
          name,
          value: value === null ? '' : String(value),
        });
      return;
    }
    const map =
      scope === 'axis2' || scope === 'axis2-client'
        ? (this.axis2Props ??= new Map())
        : scope === 'operation'
          ? (this.operationProps ??= new Map())
          : (this.props ??= new Map());
    if (value === undefined) map.delete(name);
    else map.set(name, value);
    if (scope === 'axis2' && name === 'messageType' && typeof value === 'string') this.messageTypeSet(value);
  }

  /**
   * MediatorPropertyUtils.handleSpecialProperties: `messageType` also sets the axis2
   * `ContentType` and replaces an existing `Content-Type` transport header. The payload then
   * reads as what the formatter for that type writes.
   */
  private messageTypeSet(type: string): void {
    this.axis2Props?.set('ContentType', type);
    const headers = this.headers();
    if (headers) {
      headers.delete('content-type');
      headers.set('content-type', { name: 'Content-Type', value: type });
    }
    this.payload = this.payload.withMessageType(type);
  }

  /** Default-scope properties, for copying and for the log's property view. */
  defaultProperties(): ReadonlyMap<string, unknown> {
    return this.props ?? EMPTY;
  }

  /** Axis2-scope properties (what a transport sender sees, as in MI's clonePartially). */
  axis2Properties(): ReadonlyMap<string, unknown> {
    return this.axis2Props ?? EMPTY;
  }

  /** Transport headers as written. */
  transportHeaders(): Iterable<HeaderEntry> {
    return this.headers()?.values() ?? [];
  }

  /** Replaces all transport headers (HTTP request headers, handshake headers). */
  setTransportHeaders(headers: Iterable<readonly [string, string]>): void {
    this.headerMap = headerMapOf(headers);
    this.rawHeaders = undefined;
  }

  /** Keeps Node's raw `[name, value, …]` header list; the map is built only if something reads it. */
  setRawTransportHeaders(raw: readonly string[]): void {
    this.rawHeaders = raw;
    this.headerMap = undefined;
  }

  private headers(): Map<string, HeaderEntry> | undefined {
    if (this.rawHeaders) {
      const map = headerMapOfRaw(this.rawHeaders);
      this.headerMap = map;
      this.rawHeaders = undefined;
      // SourceHandler.setCorrelationId: a request without the correlation header gets the
      // generated id as one, so flows read it and back ends receive it.
      if (this.httpIds && !map.has('activityid')) {
        const id = String(this.property('axis2', 'correlation_id'));
        map.set('activityid', { name: 'activityid', value: id });
      }
    }
    return this.headerMap;
  }

  /**
   * An independent copy of this message (MessageHelper.cloneMessageContext, for clone targets):
   * a new message ID; the payload, properties, variables, headers and fault stack copied, so a
   * change on one side never shows on the other; the client, the entry point and the
   * operation scope shared (MI's copy keeps the same OperationContext). `payload`, when given,
   * is the copy's payload instead of a copy of this one (an iterate's split message, an
   * aggregate's gathered one: MI clones those without the envelope).
   */
  copy(payload?: Payload): MessageContext {
    const c = new MessageContext(payload ?? this.payload.copy(), this.responder, this.artifact);
    c.isCopy = true;
    c.httpIds = this.httpIds;
    c.props = copyMap(this.props);
    c.axis2Props = copyMap(this.axis2Props);
    c.headerMap = this.headerMap && new Map(this.headerMap);
    c.rawHeaders = this.rawHeaders;
    c.operationProps = this.operationProps ??= new Map();
    c.vars = copyMap(this.vars);
    c.urlParams = this.urlParams;
    c.responseFlag = this.responseFlag;
    c.toValue = this.toValue;
    c.arrivedTo = this.arrivedTo;
    c.faults = this.faults && [...this.faults];
    c.baseFault = this.baseFault;
    c.frame = this.frame;
    c.frameData = this.frameData;
    c.sourceHandshake = this.sourceHandshake;
    c.connectionTerminate = this.connectionTerminate;
    c.targetHandshake = this.targetHandshake;
    c.failStatus = this.failStatus;
    c.client = this.client;
    c.messageFormat = this.messageFormat;
    c.transportIn = this.transportIn;
    c.source = this.source;
    c.responsePath = this.responsePath;
    return c;
  }

  envelope(): Document {
    return this.payload.envelope();
  }

  json(): unknown {
    return this.payload.json();
  }

  variable(name: string): unknown {
    return this.vars?.get(name);
  }

  setVariable(name: string, value: unknown): void {
    if (value === undefined) this.vars?.delete(name);
    else (this.vars ??= new Map()).set(name, value);
  }

  /** True when a boolean-ish property is explicitly true (Axis2's isTrueExplicitly). */
  isTrue(scope: ReadScope, name: string): boolean {
    const v = this.property(scope, name);
    if (v === true) return true;
    if (typeof v !== 'string') return false;
    const s = v.toLowerCase();
    return s === 'true' || s === '1' || s === 'yes';
  }
}

/** A fault handler pushed while a sequence runs. */
export interface FaultHandler {
  readonly name: string;
  run(ctx: MessageContext): boolean | Promise<boolean>;
}

const EMPTY: ReadonlyMap<string, unknown> = new Map();
