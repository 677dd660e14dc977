import { describe, expect, it } from '@jest/globals';
import { validatePolicy } from './validatePolicy.js';

describe('validatePolicy', () => {
  it('returns findings with severity, code, message, pointer and location', () => {
    const findings = validatePolicy(
      '{"Version": "2012-10-17", "Statement": {"Effect": "Alow", "Action": "*", "Resource": "*"}}',
      {
        kind: 'identity',
      },
    );
    expect(findings).toEqual([
      {
        severity: 'ERROR',
        code: 'INVALID_EFFECT',
        message: '`Alow` is not an effect',
        path: '/Statement/Effect',
        line: 1,
        column: 51,
        help: 'did you mean `Allow`?',
      },
    ]);
  });

  it('sorts findings by position', () => {
    const text =
      '{"Statement": [{"Effect": "Deny", "Action": "x", "Resource": "y"}, {"Effect": "?"}]}';
    const findings = validatePolicy(text, { kind: 'identity' });
    const positions = findings.map((f) => [f.line ?? 0, f.column ?? 0]);
    expect(positions).toEqual(
      [...positions].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0)),
    );
    expect(findings.map((f) => f.code)).toEqual([
      'MISSING_VERSION',
      'INVALID_ACTION',
      'INVALID_ARN',
      'MISSING_ACTION',
      'MISSING_RESOURCE',
      'INVALID_EFFECT',
    ]);
  });

  it('writes messages in the house style: lowercase start, no trailing period', () => {
    const findings = validatePolicy(
      {
        Statement: [
          {
            Sid: 'a b',
            Effect: 'x',
            Principal: { aws: '1' },
            NotAction: [],
            Condition: { Bool: { k: 'x' }, Nope: {} },
          },
        ],
      },
      { kind: 'identity' },
    );
    expect(findings.length).toBeGreaterThan(5);
    for (const finding of findings) {
      expect(finding.message).toMatch(/^[^A-Z]/);
      expect(finding.message).not.toMatch(/\.$/);
    }
  });

  it('applies the size class of the kind unless told otherwise', () => {
    const statement = {
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Principal: {
        AWS: Array.from({ length: 60 }, (_, i) => `arn:aws:iam::111122223333:user/u${i}`),
      },
    };
    const document = { Version: '2012-10-17', Statement: [statement] };
    expect(validatePolicy(document, { kind: 'trust' }).map((f) => f.code)).toEqual([
      'POLICY_SIZE_EXCEEDED',
    ]);
    expect(validatePolicy(document, { kind: 'trust', sizeLimit: 4096 })).toEqual([]);
  });

  it('never throws, whatever the options', () => {
    const odd = [
      { kind: 'unknown' },
      { kind: 'identity', parse: { maxDepth: -1 } },
      { kind: 'resource', sizeLimit: -5 },
    ];
    for (const options of odd) {
      expect(() => validatePolicy('{}', options as never)).not.toThrow();
    }
  });
});
