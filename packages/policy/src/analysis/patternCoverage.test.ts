import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { globOf, matchGlob } from '../patterns/glob.js';
import { patternCovers } from './patternCoverage.js';

describe('patternCovers', () => {
  it.each([
    ['*', 's3:GetObject', true],
    ['s3:*', 's3:Get*', true],
    ['s3:Get*', 's3:*', false],
    ['s3:*', 'S3:GETOBJECT', true],
    ['s3:GetObject', 's3:GetObject', true],
    ['s3:Get?bject', 's3:GetObject', true],
    ['s3:*Object', 's3:Get*Object', false],
    ['arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::b/${aws:username}/x', false],
  ])('%s covers %s: %j', (outer, inner, expected) => {
    expect(patternCovers(outer, inner, true)).toBe(expected);
  });

  it('is case-sensitive for resources', () => {
    expect(patternCovers('arn:aws:s3:::B/*', 'arn:aws:s3:::b/k', false)).toBe(false);
  });

  it('does not claim coverage through a wildcard that stays within an ARN segment', () => {
    expect(patternCovers('arn:aws:ec2:us-*-1:1:i/*', 'arn:aws:ec2:us-east-1:1:i/x', false)).toBe(
      false,
    );
  });

  it('is sound: whatever the inner pattern matches, the outer one matches too', () => {
    const pattern = fc.stringMatching(/^[ab*?]{0,6}$/);
    fc.assert(
      fc.property(pattern, pattern, fc.stringMatching(/^[ab]{0,8}$/), (outer, inner, subject) => {
        fc.pre(patternCovers(outer, inner, false) && matchGlob(globOf(inner), subject));
        expect(matchGlob(globOf(outer), subject)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
