import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { EventStoreError } from '../errors.js';
import { canonicalJson } from './canonicalJson.js';

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], A: { d: 2, c: 1 }, é: 0, '': -0 })).toBe(
      '{"":0,"A":{"c":1,"d":2},"a":[true,null,"x"],"b":1,"é":0}',
    );
  });

  it('writes numbers as ECMAScript does', () => {
    expect(canonicalJson([1.5, 1e21, 5e-324, 0.1, -0, 100, 1e-7])).toBe(
      '[1.5,1e+21,5e-324,0.1,0,100,1e-7]',
    );
  });

  it.each<[string, unknown, string]>([
    ['undefined', { a: undefined }, '/a'],
    ['NaN', [1, Number.NaN], '/1'],
    ['Infinity', { x: { y: Infinity } }, '/x/y'],
    ['a bigint', { n: 1n }, '/n'],
    ['a function', { f: () => 1 }, '/f'],
    ['a Date', { when: new Date(0) }, '/when'],
    ['a class instance', { m: new Map() }, '/m'],
    ['U+0000', { s: 'a\u0000' }, '/s'],
    ['a lone surrogate', { s: '\ud800x' }, '/s'],
    ['a lone low surrogate in a key', { '\udc00': 1 }, '/\udc00'],
    ['a key with a slash, escaped in the pointer', { 'a/b~': undefined }, '/a~1b~0'],
  ])('refuses %s, naming where', (_name, value, path) => {
    try {
      canonicalJson(value);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(EventStoreError);
      expect((error as EventStoreError).code).toBe('INVALID_EVENT');
      expect((error as EventStoreError).details.path).toBe(path);
    }
  });

  it('refuses nesting deeper than 64', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 70; i += 1) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow(/nesting/);
  });

  it('accepts surrogate pairs and objects without prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.k = '😀';
    expect(canonicalJson(bare)).toBe('{"k":"😀"}');
  });

  it('is a fixed point of JSON round trips and independent of key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
          const reversed = Object.fromEntries(Object.entries(value).reverse());
          expect(canonicalJson(reversed)).toBe(text);
        }
      }),
    );
  });
});
