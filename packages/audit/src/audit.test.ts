import { describe, expect, it } from '@jest/globals';
import { decodeCursor, encodeCursor } from './history/cursor.js';
import { diffStates } from './entries/diff.js';
import { REDACTED, redact } from './entries/redact.js';
import { suggestPolicy } from './reviews/accessReviews.js';
import { wildcardMatcher } from './reviews/wildcard.js';
import { parseAsOf } from './shared/pointInTime.js';
import { isAuditError } from './shared/auditError.js';

function codeOf(work: () => unknown): string {
  try {
    work();
    return 'OK';
  } catch (error) {
    if (isAuditError(error)) return error.code;
    throw error;
  }
}

describe('cursors', () => {
  it('round-trip a log position and are opaque', () => {
    const position = { transactionId: 18446744073709551615n, globalPosition: 42n };
    const cursor = encodeCursor(position);
    expect(cursor).not.toContain('42');
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it('refuse anything else', () => {
    for (const bad of ['', 'x'.repeat(101), 'a b', Buffer.from('ev1:1').toString('base64url')])
      expect(codeOf(() => decodeCursor(bad))).toBe('INVALID_INPUT');
  });
});

describe('diffs', () => {
  it('name policies by their names and reach into documents', () => {
    const before = {
      inlinePolicies: [{ policyName: 'p', policyDocument: '{"Statement":[{"Action":"a:B"}]}' }],
    };
    const after = {
      inlinePolicies: [
        { policyName: 'p', policyDocument: '{"Statement":[{"Action":"a:C"}]}' },
        { policyName: 'q', policyDocument: '{"Statement":[]}' },
      ],
    };
    expect(diffStates(before, after)).toEqual([
      {
        path: 'inlinePolicies.p.policyDocument.Statement.0.Action',
        change: 'CHANGED',
        before: '"a:B"',
        after: '"a:C"',
      },
      {
        path: 'inlinePolicies.q',
        change: 'ADDED',
        before: null,
        after: '{"policyName":"q","policyDocument":{"Statement":[]}}',
      },
    ]);
  });

  it('withhold secret-named values, before and after', () => {
    const lines = diffStates(
      { loginProfile: null },
      { loginProfile: { secretId: 's-1', passwordResetRequired: true } },
    );
    expect(JSON.stringify(lines)).not.toContain('s-1');
    expect(JSON.stringify(lines)).toContain('passwordResetRequired');
    expect(redact({ a: { sessionTokenHash: 'x', accessKeyId: 'AKIA' } })).toEqual({
      a: { sessionTokenHash: REDACTED, accessKeyId: 'AKIA' },
    });
  });
});

describe('suggested policy', () => {
  it('allows exactly what was used, grouping resources used with the same actions', () => {
    const doc = JSON.parse(
      suggestPolicy([
        { action: 's3:GetObject', resource: 'arn:r1' },
        { action: 's3:GetObject', resource: 'arn:r2' },
        { action: 's3:PutObject', resource: 'arn:r2' },
      ]) ?? 'null',
    ) as unknown;
    expect(doc).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:r1'] },
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:r2'] },
      ],
    });
    expect(suggestPolicy([])).toBeNull();
  });
});

describe('wildcards and moments', () => {
  it('match IAM patterns', () => {
    expect(wildcardMatcher('s3:Get*', true)('S3:GETOBJECT')).toBe(true);
    expect(wildcardMatcher('arn:aws:s3:::b/?', false)('arn:aws:s3:::b/xy')).toBe(false);
    expect(wildcardMatcher('a.b', false)('axb')).toBe(false);
  });

  it('read times and checkpoints', () => {
    expect(parseAsOf('2026-10-01T12:00Z')).toEqual({ time: new Date('2026-10-01T12:00:00Z') });
    expect(parseAsOf('12:34')).toEqual({ checkpoint: { transactionId: 12n, globalPosition: 34n } });
    for (const bad of ['yesterday', '2026-10-01', '2026-13-01T00:00Z'])
      expect(codeOf(() => parseAsOf(bad))).toBe('INVALID_INPUT');
  });
});
