/**
 * Try-it's subprotocol check: RFC 6455 tokens pass, MI's synapse(contentType=…) form and other
 * separators are refused with a reason, as a browser's WebSocket constructor would.
 */
import { describe, expect, it } from 'vitest';
import { splitSubprotocols, subprotocolProblem } from '../src/tryit/subprotocol-check.js';

describe('subprotocolProblem', () => {
  it('accepts tokens and lists of tokens', () => {
    for (const ok of ['', 'chat', 'chat, json.v2', "a!#$%&'*+-.^_`|~9"])
      expect(subprotocolProblem(ok)).toBeUndefined();
    expect(splitSubprotocols(' chat ,, json.v2 ')).toEqual(['chat', 'json.v2']);
  });

  it("refuses MI's synapse(contentType=…) and says what to do instead", () => {
    const p = subprotocolProblem("synapse(contentType='application/json')");
    expect(p).toContain("'synapse(contentType='application/json')' is not a valid subprotocol");
    expect(p).toContain('ws.default.content.type');
  });

  it('refuses separators and repeats', () => {
    expect(subprotocolProblem('application/json')).toContain('not a valid subprotocol');
    expect(subprotocolProblem('a b')).toContain('not a valid subprotocol');
    expect(subprotocolProblem('chat, chat')).toContain('listed twice');
  });
});
