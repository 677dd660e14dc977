import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { globOf, matchGlob } from './glob.js';
import {
  actionLanguage,
  languageIncludes,
  languageMatches,
  languagesIntersect,
  resourceLanguage,
} from './patternLanguage.js';

const r = (text: string) => resourceLanguage(text)!;
const a = (text: string) => actionLanguage(text);

describe('languageIncludes', () => {
  it.each([
    ['*', 's3:Get*', true],
    ['s3:*', 's3:Get*', true],
    ['s3:Get*', 's3:*', false],
    ['s3:*Object', 's3:Get*Object', true],
    ['s3:Get*Object', 's3:*Object', false],
    ['s3:?et*', 's3:Get*', true],
    ['s3:Get?', 's3:Get*', false],
    ['s3:*', 'S3:GETOBJECT', true],
    ['s3:*a*', 's3:*a*a*', true],
  ])('action %s includes %s: %j', (outer, inner, expected) => {
    expect(languageIncludes([a(outer)], a(inner))).toBe(expected);
  });

  it.each([
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/x/*', true],
    ['arn:aws:s3:::b/x/*', 'arn:aws:s3:::b/*', false],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::B/*', false],
    // A mid-segment `*` stays in its segment; a segment-final `*` may cross colons.
    ['arn:aws:ec2:us-*-1:1:i/*', 'arn:aws:ec2:us-east-1:1:i/x', true],
    ['arn:aws:ec2:us-*-1:*', 'arn:aws:ec2:us-e:x-1:1:i', false],
    ['arn:aws:ec2:*:1:i/*', 'arn:aws:ec2:us-*-1:1:i/*', true],
    ['arn:aws:iam::1:user/?', 'arn:aws:iam::1:user/a', true],
  ])('resource %s includes %s: %j', (outer, inner, expected) => {
    expect(languageIncludes([r(outer)], r(inner))).toBe(expected);
  });

  it('decides inclusion in a union that no single pattern covers', () => {
    const outer = [a('s3:a*'), a('s3:[!a]*'), a('s3:')];
    expect(languageIncludes(outer, a('s3:*'))).toBe(false);
    expect(languageIncludes([a('s3:a*'), a('s3:?*'), a('s3:')], a('s3:*'))).toBe(true);
  });

  it('reads an unknown policy variable as an unbounded run', () => {
    const variable = resourceLanguage('arn:aws:s3:::home/${aws:username}/*', true)!;
    expect(languageIncludes([r('arn:aws:s3:::home/*')], variable)).toBe(true);
    expect(languageIncludes([r('arn:aws:s3:::home/a*')], variable)).toBe(false);
    expect(languageMatches(variable, 'arn:aws:s3:::home/x:y/z')).toBe(true);
  });
});

describe('languagesIntersect', () => {
  it.each([
    ['s3:Get*', 's3:*Object', true],
    ['s3:Get*', 's3:Put*', false],
    ['s3:?', 's3:ab', false],
    ['*', 'x', true],
  ])('%s and %s: %j', (x, y, expected) => {
    expect(languagesIntersect(a(x), a(y))).toBe(expected);
  });

  it('respects ARN segments', () => {
    expect(languagesIntersect(r('arn:aws:s3:::b/*'), r('arn:aws:s3:::c/*'))).toBe(false);
    expect(languagesIntersect(r('arn:aws:ec2:u*s:1:x'), r('arn:aws:ec2:u:s:1:x'))).toBe(false);
    expect(languagesIntersect(r('arn:aws:ec2:us-*:1:x'), r('arn:aws:ec2:us-a:b:1:x'))).toBe(true);
  });
});

// Small alphabets so that generated patterns and strings often meet.
const patternText = fc
  .array(fc.constantFrom('a', 'b', ':', '*', '?', '/'), { maxLength: 6 })
  .map((chars) => chars.join(''));
const arnPatternText = patternText.map((rest) => `arn:p:s::${rest}`);
const subject = fc
  .array(fc.constantFrom('a', 'b', ':', '/', 'c'), { maxLength: 7 })
  .map((chars) => chars.join(''));

describe('agreement with the matcher', () => {
  it('matches exactly the strings matchGlob matches', () => {
    fc.assert(
      fc.property(fc.oneof(patternText, arnPatternText), subject, (pattern, rest) => {
        for (const s of [rest, `arn:p:s::${rest}`]) {
          expect(languageMatches(r(pattern), s)).toBe(matchGlob(globOf(pattern, true), s));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('inclusion and intersection are consistent with membership', () => {
    fc.assert(
      fc.property(
        fc.oneof(patternText, arnPatternText),
        fc.oneof(patternText, arnPatternText),
        fc.array(subject, { maxLength: 12 }),
        (outer, inner, rests) => {
          const o = r(outer);
          const i = r(inner);
          const included = languageIncludes([o], i);
          const intersect = languagesIntersect(o, i);
          for (const rest of rests) {
            for (const s of [rest, `arn:p:s::${rest}`]) {
              const inI = languageMatches(i, s);
              const inO = languageMatches(o, s);
              if (included && inI) expect(inO).toBe(true);
              if (inI && inO) expect(intersect).toBe(true);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
