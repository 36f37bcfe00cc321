/**
 * payload-write.ts: how a new body meets the payload it replaces (MI replaces the SOAP body's
 * children and keeps the envelope and its headers; a POX or JSON message becomes the new XML).
 */
import { describe, expect, it } from 'vitest';
import { Payload } from '../../src/runtime/message/payload.js';
import {
  payloadWithBody,
  payloadWithEnvelope,
  payloadWithJson,
  payloadWithText,
} from '../../src/runtime/message/payload-write.js';

const SOAP =
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
  '<soapenv:Header><h xmlns="urn:h">1</h></soapenv:Header><soapenv:Body><old/></soapenv:Body></soapenv:Envelope>';

describe('payloadWithBody', () => {
  it('keeps a SOAP envelope and its header, replacing only the body content', () => {
    const p = payloadWithBody(
      new Payload(SOAP, 'text/xml; charset=UTF-8'),
      '<m:a xmlns:m="urn:m">x</m:a><b/>',
    );
    expect(p.contentType).toBe('text/xml; charset=UTF-8');
    expect(p.text()).toBe(
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
        '<soapenv:Header><h xmlns="urn:h">1</h></soapenv:Header>' +
        '<soapenv:Body><m:a xmlns:m="urn:m">x</m:a><b/></soapenv:Body></soapenv:Envelope>',
    );
    // The envelope view reads the new body.
    expect(p.envelope().getElementsByTagNameNS('urn:m', 'a').length).toBe(1);
  });

  it('replaces a POX payload, keeping its XML content type', () => {
    const p = payloadWithBody(new Payload('<old/>', 'application/xml'), '<new>1</new>');
    expect([p.text(), p.contentType]).toEqual(['<new>1</new>', 'application/xml']);
  });

  it('turns a JSON or empty payload into XML of the fallback type', () => {
    const p = payloadWithBody(new Payload('{"a":1}', 'application/json'), '<a>1</a>');
    expect([p.text(), p.contentType]).toEqual(['<a>1</a>', 'application/xml']);
    expect(payloadWithBody(Payload.empty(), '<a/>', 'text/xml').contentType).toBe('text/xml');
  });

  it('refuses XML that is not well-formed, saying so', () => {
    expect(() => payloadWithBody(new Payload(SOAP, 'text/xml'), '<a>')).toThrow(/not well-formed XML/);
    expect(() => payloadWithBody(new Payload('<x/>', 'application/xml'), '<a>')).toThrow(
      /not well-formed XML/,
    );
  });
});

describe('JSON, text and whole envelopes', () => {
  it('are written as given, with their content types', () => {
    expect(payloadWithJson('{"a":1}').json()).toEqual({ a: 1 });
    expect(payloadWithText('hi').contentType).toBe('text/plain');
    expect(payloadWithEnvelope(SOAP, true).contentType).toBe('application/soap+xml');
  });
});
