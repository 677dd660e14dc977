import { describe, expect, it } from '@jest/globals';
import { clearPolicyCache, compilePolicy } from './policyCache.js';

const document = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

describe('compilePolicy', () => {
  it('compiles a text once', () => {
    // Two equal strings built separately, so that the cache is hit by content, not identity.
    const text = JSON.stringify(document);
    expect(compilePolicy(text)).toBe(compilePolicy(JSON.stringify(structuredClone(document))));
  });

  it('shares one compilation between equal objects', () => {
    expect(compilePolicy(structuredClone(document))).toBe(compilePolicy(structuredClone(document)));
  });

  it('compiles again after the cache is cleared', () => {
    const text = JSON.stringify({ ...document, Id: 'cleared' });
    const first = compilePolicy(text);
    clearPolicyCache();
    expect(compilePolicy(text)).not.toBe(first);
  });

  it('never throws: a document that cannot be compiled grants nothing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const input of ['{', cyclic, 7 as unknown as object, null as unknown as object]) {
      const compiled = compilePolicy(input);
      expect(compiled.grants).toBe(false);
      expect(compiled.statements).toEqual([]);
    }
  });
});
