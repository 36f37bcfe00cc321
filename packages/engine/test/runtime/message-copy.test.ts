/**
 * MessageContext.copy(), the copy each clone target gets (MessageHelper.cloneMessageContext): a
 * change on one side never shows on the other, except the operation scope, which MI's copies
 * share (they keep the original's OperationContext).
 */
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { MessageContext } from '../../src/runtime/message/message-context.js';
import { Payload } from '../../src/runtime/message/payload.js';

const ctxOf = (body: string, type: string) => {
  const c = new MessageContext(new Payload(body, type), undefined, undefined);
  c.httpIds = true;
  return c;
};

describe('MessageContext.copy', () => {
  it('copies a built envelope deeply: a change to the copy’s DOM is not the original’s', () => {
    const parent = ctxOf('<a><b>1</b></a>', 'application/xml');
    const before = parent.payload.envelopeText();
    const copy = parent.copy();
    const doc = copy.envelope();
    const a = doc.getElementsByTagName('a')[0]!;
    a.appendChild(doc.createElement('c'));
    expect(copy.payload.envelopeText()).toContain('<c/>');
    expect(parent.payload.envelopeText()).toBe(before);
    // And the other way round.
    parent.envelope().getElementsByTagName('b')[0]!.setAttribute('x', 'y');
    expect(copy.payload.envelopeText()).not.toContain('x="y"');
  });

  it('copies parsed JSON: a change to the copy’s object is not the original’s', () => {
    const parent = ctxOf('{"n":{"v":1}}', 'application/json');
    (parent.json() as { n: { v: number } }).n.v = 2;
    const copy = parent.copy();
    (copy.json() as { n: { v: number } }).n.v = 3;
    expect(parent.json()).toEqual({ n: { v: 2 } });
    expect(copy.json()).toEqual({ n: { v: 3 } });
  });

  it('copies properties, headers and variables; XML values deeply, lists by item', () => {
    const parent = ctxOf('x', 'text/plain');
    const om = new DOMParser().parseFromString('<om><i/></om>', 'text/xml').documentElement!;
    parent.setProperty('default', 'p', 'one');
    parent.setProperty('default', 'om', om);
    parent.setProperty('default', 'list', ['a']);
    parent.setProperty('axis2', 'HTTP_METHOD', 'POST');
    parent.setTransportHeaders([['X-H', 'h']]);
    parent.setVariable('v', 'var');
    parent.to = '/services/P';
    const copy = parent.copy();
    expect(copy.property('default', 'p')).toBe('one');
    expect(copy.property('axis2', 'HTTP_METHOD')).toBe('POST');
    expect(copy.property('transport', 'X-H')).toBe('h');
    expect(copy.variable('v')).toBe('var');
    expect(copy.to).toBe('/services/P');
    const copiedOm = copy.property('default', 'om') as typeof om;
    expect(copiedOm).not.toBe(om);
    copiedOm.appendChild(copiedOm.ownerDocument!.createElement('j'));
    expect(om.getElementsByTagName('j').length).toBe(0);
    (copy.property('default', 'list') as string[]).push('b');
    expect(parent.property('default', 'list')).toEqual(['a']);
    copy.setProperty('default', 'p', 'two');
    copy.setProperty('transport', 'X-H', 'changed');
    copy.setVariable('v', 'other');
    expect(parent.property('default', 'p')).toBe('one');
    expect(parent.property('transport', 'X-H')).toBe('h');
    expect(parent.variable('v')).toBe('var');
  });

  it('shares the operation scope both ways, as MI’s copies share the OperationContext', () => {
    const parent = ctxOf('x', 'text/plain');
    const copy = parent.copy();
    copy.setProperty('operation', 'count', '1');
    expect(parent.property('operation', 'count')).toBe('1');
    parent.setProperty('operation', 'seen', 'yes');
    expect(copy.property('operation', 'seen')).toBe('yes');
  });

  it('is a new message with its own fault stack and response state', () => {
    const parent = ctxOf('x', 'text/plain');
    const handler = { name: 'h', run: () => true };
    parent.faults = [handler];
    parent.responsePending = true;
    const copy = parent.copy();
    expect(copy.messageId).toMatch(/^urn:uuid:/);
    expect(copy.messageId).not.toBe(parent.messageId);
    expect(copy.faults).toEqual([handler]);
    copy.faults!.pop();
    expect(parent.faults).toEqual([handler]);
    expect(copy.responsePending).toBe(false);
    expect(copy.isCopy).toBe(true);
    expect(parent.isCopy).toBe(false);
  });
});
