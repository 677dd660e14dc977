import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { buildGlob, globOf, matchGlob } from './glob.js';

/** A reference matcher: the pattern as a regular expression where `*` is `.*` and `?` is `.`. */
function reference(pattern: string, subject: string): boolean {
  const source = Array.from(pattern, (c) => c)
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 's').test(subject);
}

describe('matchGlob', () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['a*', 'a', true],
    ['a*c', 'abbbc', true],
    ['a*c', 'abbbd', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['*', '', true],
    ['*a*b*', 'xaybz', true],
    ['*a*b*', 'xbya', false],
  ])('%j against %j is %j', (pattern, subject, expected) => {
    expect(matchGlob(globOf(pattern), subject)).toBe(expected);
  });

  it('matches like the regular-expression reference for any pattern', () => {
    const text = fc.stringMatching(/^[ab*?:]{0,8}$/);
    fc.assert(
      fc.property(text, fc.stringMatching(/^[ab:]{0,10}$/), (pattern, subject) => {
        expect(matchGlob(globOf(pattern), subject)).toBe(reference(pattern, subject));
      }),
      { numRuns: 2000 },
    );
  });

  it('treats substituted text as literal, wildcards included', () => {
    const glob = buildGlob([
      { text: 'home/', wildcards: true },
      { text: '*', wildcards: false },
      { text: '/*', wildcards: true },
    ]);
    expect(matchGlob(glob, 'home/*/file')).toBe(true);
    expect(matchGlob(glob, 'home/alice/file')).toBe(false);
  });

  it('matches a literal prefix pattern with startsWith', () => {
    const glob = globOf('arn:aws:s3:::bucket/*', true);
    expect(glob.prefix).toBe('arn:aws:s3:::bucket/');
    expect(matchGlob(glob, 'arn:aws:s3:::bucket/a:b/c')).toBe(true);
    expect(matchGlob(glob, 'arn:aws:s3:::bucket')).toBe(false);
  });

  describe('ARN segments (Resource element)', () => {
    it('keeps a wildcard inside a segment from crossing a colon', () => {
      const glob = globOf('arn:aws:ec2:us-*-1:123:instance/*', true);
      expect(glob.segmentBound).toBe(true);
      expect(matchGlob(glob, 'arn:aws:ec2:us-east-1:123:instance/i')).toBe(true);
      expect(matchGlob(glob, 'arn:aws:ec2:us-east-2:9:x-1:123:instance/i')).toBe(false);
    });

    it('lets a star that ends a segment cross colons', () => {
      const glob = globOf('arn:aws:svc:*:123:finance/*', true);
      expect(glob.segmentBound).toBe(false);
      expect(matchGlob(glob, 'arn:aws:svc:us-east-2:999:store:123:finance/doc')).toBe(true);
    });

    it('keeps a question mark inside a segment from matching a colon', () => {
      expect(matchGlob(globOf('arn:aws:sqs:a?b:1:q', true), 'arn:aws:sqs:a:b:1:q')).toBe(false);
      expect(matchGlob(globOf('arn:aws:sqs:a?b:1:q', true), 'arn:aws:sqs:axb:1:q')).toBe(true);
    });

    it('applies no segment rule in the resource part or outside ARNs', () => {
      expect(globOf('arn:aws:logs:r:1:group:*:x', true).segmentBound).toBe(false);
      expect(globOf('bucket*x:y', true).segmentBound).toBe(false);
    });

    it('agrees with the reference when no wildcard sits inside the first five segments', () => {
      const arn = fc.tuple(fc.stringMatching(/^[ab]{0,3}$/), fc.stringMatching(/^[ab:*?/]{0,8}$/));
      fc.assert(
        fc.property(arn, fc.stringMatching(/^[ab:/]{0,12}$/), ([head, tail], rest) => {
          const pattern = `arn:${head}:s:r:1:${tail}`;
          const subject = `arn:${head}:s:r:1:${rest}`;
          expect(matchGlob(globOf(pattern, true), subject)).toBe(reference(pattern, subject));
        }),
        { numRuns: 1000 },
      );
    });
  });
});
