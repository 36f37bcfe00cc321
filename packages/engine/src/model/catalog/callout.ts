/*
 * <callout [serviceURL="uri"] [endpointKey="name"] [action="soapAction"]
 *          [initAxis2ClientOptions="true|false"] [useServerConfig="…"]>
 *    [<configuration [axis2xml="path"] [repository="path"]/>]
 *    [<endpoint …/>]
 *    [<source xpath="expr" | key="name" | type="envelope"/>]
 *    [<target xpath="expr" | key="name"/>]
 *    [<enableSec policy="key" | outboundPolicy="key" inboundPolicy="key"/>]
 * </callout>
 *
 * CalloutMediatorFactory: serviceURL wins over endpointKey, which wins over an inline
 * <endpoint>; with none the message's To address is used (CalloutMediator.init's
 * DefaultEndpoint). No <source> means the whole envelope; no <target>, the envelope is replaced.
 */
import type { ElementIssue, ListRow, MediatorDefinition, RuleIssue } from './catalog-types.js';
import { childElement } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';
import { COMMON_FIELDS, short } from './common-fields.js';

type Issue = (code: string, field: string, message: string, severity?: 'warning') => RuleIssue;
const issue: Issue = (code, field, message, severity) => ({
  code,
  field,
  message,
  ...(severity ? { severity } : {}),
});

/** Which of serviceURL, endpointKey and the inline endpoint MI uses, and what it ignores. */
function addressIssues(v: Readonly<Record<string, unknown>>): RuleIssue[] {
  const out: RuleIssue[] = [];
  const given = [
    v.serviceURL !== undefined && 'serviceURL',
    v.endpointKey !== undefined && 'endpointKey',
    v.endpoint !== undefined && 'the inline <endpoint>',
  ].filter((x): x is string => typeof x === 'string');
  if (given.length > 1)
    out.push(
      issue(
        'CALLOUT_ENDPOINT_SHADOWED',
        v.serviceURL !== undefined ? 'serviceURL' : 'endpointKey',
        `The callout uses ${given[0]}; ${given.slice(1).join(' and ')} ${given.length > 2 ? 'are' : 'is'} ignored (as in MI).`,
        'warning',
      ),
    );
  if (typeof v.serviceURL === 'string' && v.serviceURL.trim() === '')
    out.push(
      issue(
        'CALLOUT_SERVICE_URL_EMPTY',
        'serviceURL',
        'serviceURL is empty: every call fails at run time (MI sends to an empty address).',
        'warning',
      ),
    );
  return out;
}

/** CalloutMediatorFactory's checks of <source> and <target>. */
function childIssues(v: Readonly<Record<string, unknown>>): RuleIssue[] {
  const out: RuleIssue[] = [];
  const source = v.source as ListRow | undefined;
  const target = v.target as ListRow | undefined;
  if (source) {
    const envelope = source.type === 'envelope';
    if (source.type !== undefined && !envelope)
      out.push(
        issue(
          'CALLOUT_SOURCE_TYPE',
          'source',
          `Source type '${source.type}' is ignored: only type="envelope" means anything (as in MI).`,
          'warning',
        ),
      );
    if (!envelope && source.xpath === undefined && source.key === undefined)
      out.push(
        issue(
          'CALLOUT_SOURCE_EMPTY',
          'source',
          "A callout <source> needs an 'xpath' or 'key' attribute, or type=\"envelope\".",
        ),
      );
    else if ((envelope && (source.xpath ?? source.key) !== undefined) || (source.xpath && source.key))
      out.push(
        issue(
          'CALLOUT_SOURCE_SHADOWED',
          'source',
          `The source uses ${envelope ? 'the envelope' : 'its xpath'}; the rest is ignored (as in MI).`,
          'warning',
        ),
      );
  }
  if (target) {
    if (target.xpath === undefined && target.key === undefined)
      out.push(
        issue('CALLOUT_TARGET_EMPTY', 'target', "A callout <target> needs an 'xpath' or 'key' attribute."),
      );
    else if (target.xpath !== undefined && target.key !== undefined)
      out.push(
        issue(
          'CALLOUT_TARGET_SHADOWED',
          'target',
          "The target uses its xpath; 'key' is ignored (as in MI).",
          'warning',
        ),
      );
  }
  return out;
}

/**
 * <configuration> and <enableSec>: read by MI for its Axis2 client, which Mediate does not have;
 * no field holds them (the XML keeps them as written), so they are checked here.
 */
function ignoredChildren(el: XmlElement): ElementIssue[] {
  const out: ElementIssue[] = [];
  const config = childElement(el, 'configuration');
  if (config)
    out.push({
      ...issue(
        'CALLOUT_CONFIGURATION_IGNORED',
        'configuration',
        "<configuration> (an Axis2 client's axis2.xml and repository) is ignored: Mediate's HTTP client needs none.",
        'warning',
      ),
      at: config,
    });
  const sec = childElement(el, 'enableSec');
  if (sec) {
    const has = (n: string) => sec.attributes.some((a) => a.name === n);
    const keyed = has('policy') || has('outboundPolicy') || has('inboundPolicy');
    out.push({
      ...(keyed
        ? issue(
            'CALLOUT_SEC_IGNORED',
            'enableSec',
            '<enableSec> (WS-Security) is ignored: Mediate sends the message unsigned and unencrypted.',
            'warning',
          )
        : issue(
            'CALLOUT_SEC_POLICY',
            'enableSec',
            '<enableSec> needs a policy key (policy, or outboundPolicy and/or inboundPolicy), as in MI.',
          )),
      at: sec,
    });
  }
  return out;
}

/** Where the callout goes, in a few words. */
function whereTo(v: Readonly<Record<string, unknown>>): string {
  if (typeof v.serviceURL === 'string') return short(v.serviceURL, 32);
  if (typeof v.endpointKey === 'string') return v.endpointKey;
  return v.endpoint !== undefined ? 'endpoint' : 'To address';
}

/** The callout mediator: a blocking SOAP call whose answer replaces a part of the message. */
export const callout = {
  kind: 'callout',
  tag: 'callout',
  label: 'Callout',
  group: 'Endpoints',
  icon: 'callout',
  description:
    'Calls a SOAP service and waits for its answer: sends a part of the message (or all of it) and puts the response in its place or in a property.',
  fields: [
    { type: 'string', key: 'serviceURL', label: 'Service URL' },
    { type: 'endpoint', key: 'endpointKey', label: 'Endpoint key' },
    { type: 'string', key: 'action', label: 'SOAP action' },
    {
      type: 'boolean',
      key: 'initAxis2ClientOptions',
      label: 'Init Axis2 client options',
      default: 'true',
    },
    {
      type: 'string',
      key: 'useServerConfig',
      label: 'Use server config',
      help: 'Accepted for MI configurations; Mediate has no separate client configuration.',
    },
    {
      type: 'child',
      key: 'source',
      element: 'source',
      label: 'Source',
      fields: [
        {
          type: 'string',
          key: 'type',
          label: 'Type',
          help: '"envelope" sends the whole envelope; otherwise xpath or key says what is sent.',
        },
        { type: 'expression', key: 'xpath', label: 'XPath' },
        { type: 'string', key: 'key', label: 'Property or entry key' },
      ],
    },
    {
      type: 'child',
      key: 'target',
      element: 'target',
      label: 'Target',
      fields: [
        { type: 'expression', key: 'xpath', label: 'XPath' },
        { type: 'string', key: 'key', label: 'Property' },
      ],
    },
    { type: 'endpointChild', key: 'endpoint', label: 'Endpoint' },
    ...COMMON_FIELDS,
  ],
  rules: (v) => [...addressIssues(v), ...childIssues(v)],
  checkElement: ignoredChildren,
  summary: (v) => `callout → ${whereTo(v)}`,
  template:
    '<callout serviceURL="http://localhost:9000/services/SimpleStockQuoteService" action="urn:getQuote">\n    <source xmlns:s11="http://schemas.xmlsoap.org/soap/envelope/" xmlns:s12="http://www.w3.org/2003/05/soap-envelope" xpath="s11:Body/child::*[position()=1] | s12:Body/child::*[position()=1]"/>\n    <target xmlns:s11="http://schemas.xmlsoap.org/soap/envelope/" xmlns:s12="http://www.w3.org/2003/05/soap-envelope" xpath="s11:Body/child::*[position()=1] | s12:Body/child::*[position()=1]"/>\n</callout>',
} as const satisfies MediatorDefinition<'callout'>;
