import { describe, expect, it } from '@jest/globals';
import { parseTemplate } from './policyVariables.js';
import { TemplateResolutionCache } from './templateCache.js';

describe('TemplateResolutionCache', () => {
  const { template } = parseTemplate('${a}${b}', true);

  it('computes once per distinct set of values', () => {
    let computed = 0;
    const cache = new TemplateResolutionCache(template, () => ++computed);
    expect(cache.resolve((key) => ({ a: 'x', b: 'y' })[key])).toBe(1);
    expect(cache.resolve((key) => ({ a: 'x', b: 'y' })[key])).toBe(1);
    expect(cache.resolve((key) => ({ a: 'xy', b: '' })[key])).toBe(2);
  });

  it('gives nothing, without computing, when a value is missing', () => {
    let computed = 0;
    const cache = new TemplateResolutionCache(template, () => ++computed);
    expect(cache.resolve((key) => (key === 'a' ? 'x' : undefined))).toBeUndefined();
    expect(computed).toBe(0);
  });
});
