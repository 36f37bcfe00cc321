/** Reading runtime events' mediatorPath, and finding the mediator it names. */
import { describe, expect, it } from 'vitest';
import { buildProject, EXAMPLE_FILES, mediatorAtPath, parseMediatorPath } from '../src/model/index.js';

describe('parseMediatorPath', () => {
  it('splits artifact name and path', () => {
    expect(parseMediatorPath('outDispatchSeq:sequence/0')).toEqual({
      artifact: 'outDispatchSeq',
      path: ['sequence', 0],
    });
    expect(parseMediatorPath('dispatchSeq:sequence/0/body/2')).toEqual({
      artifact: 'dispatchSeq',
      path: ['sequence', 0, 'body', 2],
    });
    expect(parseMediatorPath('OrdersApi:resource.0.inSequence/1/then/0')).toEqual({
      artifact: 'OrdersApi',
      path: ['resource.0.inSequence', 1, 'then', 0],
    });
  });

  it('rejects what is not a mediator path', () => {
    expect(parseMediatorPath(undefined)).toBeUndefined();
    expect(parseMediatorPath('noColon')).toBeUndefined();
    expect(parseMediatorPath(':sequence/0')).toBeUndefined();
    expect(parseMediatorPath('a:')).toBeUndefined();
  });

  it('finds the mediator an event names', () => {
    const p = buildProject('', [
      ...EXAMPLE_FILES,
      {
        path: 'artifacts/sequences/nested.xml',
        text: '<sequence name="nested" xmlns="http://ws.apache.org/ns/synapse"><in><log/><send/></in></sequence>',
      },
    ]).project;
    const ev = parseMediatorPath('dispatchSeq:sequence/1')!;
    const a = p.artifacts.find((x) => x.name === ev.artifact)!;
    expect(mediatorAtPath(a, ev.path)?.kind).toBe('send');
    expect(mediatorAtPath(a, ['sequence', 5])).toBeUndefined();
    const nested = p.artifacts.find((x) => x.name === 'nested')!;
    expect(mediatorAtPath(nested, parseMediatorPath('nested:sequence/0/body/1')!.path)?.kind).toBe('send');
    expect(mediatorAtPath(nested, ['sequence', 0, 'body', 2])).toBeUndefined();
  });
});
