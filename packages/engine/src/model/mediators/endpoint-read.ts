/**
 * Reads an `<endpoint>` element (named artifact, inline, or `key` reference).
 */
import type { EndpointValue } from '../catalog/index.js';
import { attribute, elementChildren, localName } from '../xml/xml-query.js';
import type { XmlElement } from '../xml/xml-types.js';

/** The endpoint kinds Synapse knows as children of `<endpoint>`. */
export const ENDPOINT_KINDS = [
  'address',
  'wsdl',
  'default',
  'loadbalance',
  'dynamicLoadbalance',
  'serviceDynamicLoadbalance',
  'failover',
  'recipientlist',
  'http',
  'class',
  'template',
] as const;

/** The values of an `<endpoint>` element. */
export function readEndpoint(el: XmlElement): EndpointValue {
  const key = attribute(el, 'key') ?? attribute(el, 'key-expression');
  const name = attribute(el, 'name');
  const body = elementChildren(el).find((c) =>
    (ENDPOINT_KINDS as readonly string[]).includes(localName(c.name)),
  );
  const template = attribute(el, 'template');
  const kind = body ? localName(body.name) : template ? 'template' : undefined;
  const uri = body ? (attribute(body, 'uri') ?? attribute(body, 'uri-template')) : undefined;
  const format = body ? attribute(body, 'format') : undefined;
  return { key, name, kind, uri, format };
}
