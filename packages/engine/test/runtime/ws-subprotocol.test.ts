/** String helpers for MI's `synapse(contentType='…')` subprotocols and Netty's selection rule. */
import { describe, expect, it } from 'vitest';
import {
  checkSubprotocolAnswer,
  formatSynapseSubprotocol,
  parseProtocolHeader,
  parseSynapseSubprotocol,
  selectSubprotocol,
} from '../../src/runtime/ws/index.js';

const JSON_SP = "synapse(contentType='application/json')";
const XML_SP = "synapse(contentType='application/xml')";

describe('synapse subprotocol values', () => {
  it('formats exactly as MI writes them', () => {
    expect(formatSynapseSubprotocol('application/json')).toBe(JSON_SP);
  });

  it('parses the content type, tolerating spaces and double quotes', () => {
    expect(parseSynapseSubprotocol(JSON_SP)).toBe('application/json');
    expect(parseSynapseSubprotocol(" synapse( contentType = 'text/xml; charset=UTF-8' ) ")).toBe(
      'text/xml; charset=UTF-8',
    );
    expect(parseSynapseSubprotocol('synapse(contentType="application/xml")')).toBe('application/xml');
  });

  it('returns undefined for anything else', () => {
    for (const v of [
      'chat',
      '',
      "synapse(contentType='')",
      "synapse(type='a/b')",
      "xsynapse(contentType='a/b')",
      "synapse(contentType='a/b'",
    ]) {
      expect(parseSynapseSubprotocol(v)).toBeUndefined();
    }
  });
});

describe('parseProtocolHeader', () => {
  it('splits on commas, trims, drops empty entries (MI advertises a trailing comma)', () => {
    expect(parseProtocolHeader(`${XML_SP},${JSON_SP},`)).toEqual([XML_SP, JSON_SP]);
    expect(parseProtocolHeader(' chat ,  superchat ')).toEqual(['chat', 'superchat']);
    expect(parseProtocolHeader(['a', 'b, c'])).toEqual(['a', 'b', 'c']);
    expect(parseProtocolHeader(undefined)).toEqual([]);
    expect(parseProtocolHeader('')).toEqual([]);
  });
});

describe('selectSubprotocol (Netty: first offered value that is supported, as written)', () => {
  it('accepts any synapse content type by default, like MI inbound endpoints', () => {
    expect(selectSubprotocol(['chat', "synapse(contentType='text/plain')"])).toBe(
      "synapse(contentType='text/plain')",
    );
  });

  it('follows the client order, not the server list', () => {
    expect(
      selectSubprotocol([JSON_SP, XML_SP], { synapseContentTypes: ['application/xml', 'application/json'] }),
    ).toBe(JSON_SP);
  });

  it('restricts synapse content types and plain tokens to the policy', () => {
    const policy = { synapseContentTypes: ['application/xml'], tokens: ['echo'] };
    expect(selectSubprotocol([JSON_SP, 'chat'], policy)).toBeUndefined();
    expect(selectSubprotocol([JSON_SP, 'echo'], policy)).toBe('echo');
    expect(selectSubprotocol([], policy)).toBeUndefined();
    expect(selectSubprotocol([XML_SP], { synapseContentTypes: [] })).toBeUndefined();
  });

  it('returns the offered spelling, which the client compares byte for byte', () => {
    const odd = "synapse(contentType = 'application/json')";
    expect(selectSubprotocol([odd])).toBe(odd);
  });
});

describe("checkSubprotocolAnswer (Netty's client rule)", () => {
  it('accepts an echo of the request, or nothing when nothing was requested', () => {
    expect(checkSubprotocolAnswer(JSON_SP, JSON_SP)).toBeUndefined();
    expect(checkSubprotocolAnswer(`${XML_SP},${JSON_SP}`, JSON_SP)).toBeUndefined();
    expect(checkSubprotocolAnswer(undefined, undefined)).toBeUndefined();
  });

  it("words failures like Netty's WebSocketClientHandshaker", () => {
    expect(checkSubprotocolAnswer(JSON_SP, undefined)).toBe(
      `Invalid subprotocol. Actual: null. Expected one of: ${JSON_SP}`,
    );
    expect(checkSubprotocolAnswer(JSON_SP, XML_SP)).toBe(
      `Invalid subprotocol. Actual: ${XML_SP}. Expected one of: ${JSON_SP}`,
    );
    expect(checkSubprotocolAnswer(undefined, 'chat')).toBe(
      'Invalid subprotocol. Actual: chat. Expected one of: null',
    );
  });
});
