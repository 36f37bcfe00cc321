/** Reading runtime events' mediatorPath, and where a moved mediator lands. */
import { describe, expect, it } from 'vitest';
import { mediatorAtPath, parseMediatorPath } from '../src/model/mediator-lookup.js';
import { landingPath } from '../src/state/commands.js';
import { seedProject } from './fixtures.js';

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
    const p = seedProject();
    const ev = parseMediatorPath('dispatchSeq:sequence/0/body/2')!;
    const a = p.artifacts.find((x) => x.name === ev.artifact)!;
    expect(mediatorAtPath(a, ev.path)?.kind).toBe('send');
    expect(mediatorAtPath(a, ['sequence', 5])).toBeUndefined();
  });
});

describe('landingPath', () => {
  it('accounts for the removal before the insert', () => {
    expect(landingPath(['sequence', 0], ['sequence'], 3)).toEqual(['sequence', 2]);
    expect(landingPath(['sequence', 3], ['sequence'], 0)).toEqual(['sequence', 0]);
    expect(landingPath(['sequence', 0, 'body', 2], ['sequence'], 1)).toEqual(['sequence', 1]);
    expect(landingPath(['sequence', 0], ['sequence', 2, 'body'], 0)).toEqual(['sequence', 1, 'body', 0]);
  });
});
