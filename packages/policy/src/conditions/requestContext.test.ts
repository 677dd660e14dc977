import { describe, expect, it } from '@jest/globals';
import { RequestContext } from './requestContext.js';

describe('RequestContext', () => {
  it('finds keys whatever their case', () => {
    const context = new RequestContext({ 'AWS:UserName': 'alice' });
    expect(context.entry('aws:username', 'aws:username')?.values).toEqual(['alice']);
  });

  it('prefers the exact spelling when two keys differ only in case', () => {
    const context = new RequestContext({ 'App:Key': 'a', 'app:key': 'b' });
    expect(context.entry('app:key', 'app:key')?.values).toEqual(['b']);
  });

  it('normalises numbers, booleans and lists to text', () => {
    const context = new RequestContext({ n: 1.5, b: false, l: ['x', 'y'] });
    expect(context.entry('n', 'n')).toMatchObject({ values: ['1.5'], multivalued: false });
    expect(context.entry('b', 'b')?.values).toEqual(['false']);
    expect(context.entry('l', 'l')).toMatchObject({ values: ['x', 'y'], multivalued: true });
  });

  it('counts empty lists and unsupported values as absent', () => {
    const context = new RequestContext({
      empty: [],
      nothing: null,
      nested: { a: 1 },
      infinite: Number.POSITIVE_INFINITY,
    } as unknown as Record<string, string>);
    for (const key of ['empty', 'nothing', 'nested', 'infinite', 'missing']) {
      expect(context.entry(key, key)).toBeUndefined();
    }
  });

  it('does not see inherited properties as keys', () => {
    expect(new RequestContext({}).entry('toString', 'tostring')).toBeUndefined();
  });

  it('resolves policy variables from single-valued keys only', () => {
    const context = new RequestContext({ 'aws:username': 'alice', 'aws:TagKeys': ['a'] });
    expect(context.lookupVariable('AWS:UserName')).toBe('alice');
    expect(context.lookupVariable('aws:TagKeys')).toBeUndefined();
    expect(context.lookupVariable('aws:userid')).toBeUndefined();
  });

  it('parses typed views once and keeps them', () => {
    const entry = new RequestContext({ t: '2025-01-01T00:00:00Z' }).entry('t', 't');
    expect(entry?.date(0)).toBe(Date.UTC(2025, 0, 1));
    expect(entry?.number(0)).toBeUndefined();
  });
});
