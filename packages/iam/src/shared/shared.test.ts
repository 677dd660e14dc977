import { describe, expect, it } from '@jest/globals';
import { assumedRoleArn, iamArn, parseIamArn, parsePrincipalArn, rootArn } from './arn.js';
import { base32, idPattern, randomIds, type IdKind } from './ids.js';
import { isIamError } from './iamError.js';
import { assertTags, mergeTags, removeTags } from './tags.js';
import { nameStream, streamCategory, entityStream } from './streams.js';
import { parseCommand } from '../commandHandling/commands.js';

function codeOf(run: () => unknown): string {
  try {
    run();
    return 'OK';
  } catch (error) {
    if (isIamError(error)) return error.code;
    throw error;
  }
}

describe('ARNs', () => {
  it('are built and parsed in the gatehouse partition', () => {
    const arn = iamArn('123456789012', 'user', '/eng/', 'alice');
    expect(arn).toBe('arn:gatehouse:iam::123456789012:user/eng/alice');
    expect(parseIamArn(arn)).toEqual({
      accountId: '123456789012',
      kind: 'user',
      path: '/eng/',
      name: 'alice',
    });
    expect(parsePrincipalArn(rootArn('123456789012'))).toEqual({
      type: 'Root',
      accountId: '123456789012',
    });
    expect(parsePrincipalArn(assumedRoleArn('123456789012', 'Admin', 'ops'))).toEqual({
      type: 'AssumedRole',
      accountId: '123456789012',
      roleName: 'Admin',
      sessionName: 'ops',
    });
    expect(parseIamArn('arn:aws:iam::123456789012:user/alice')).toBeUndefined();
    expect(parsePrincipalArn(iamArn('123456789012', 'role', '/', 'r'))).toBeUndefined();
    expect(parseIamArn(`arn:gatehouse:iam::123456789012:user/${'a'.repeat(3000)}`)).toBeUndefined();
  });
});

describe('unique ids', () => {
  it.each<[IdKind, string, number]>([
    ['user', 'AIDA', 21],
    ['group', 'AGPA', 21],
    ['role', 'AROA', 21],
    ['policy', 'ANPA', 21],
    ['accessKey', 'AKIA', 20],
    ['temporaryAccessKey', 'ASIA', 20],
  ])('%s ids start with %s and have %d characters', (kind, prefix, length) => {
    const ids = new Set(Array.from({ length: 200 }, () => randomIds.next(kind)));
    expect(ids.size).toBe(200);
    for (const id of ids) {
      expect(id.startsWith(prefix)).toBe(true);
      expect(id).toHaveLength(length);
      expect(idPattern(kind).test(id)).toBe(true);
    }
  });

  it('base32 encodes with the RFC 4648 alphabet', () => {
    expect(base32(Buffer.from('foobar'), 10)).toBe('MZXW6YTBOI');
  });
});

describe('tags', () => {
  it('refuse more than 50, reserved `aws:` keys and keys equal but for case', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect(codeOf(() => assertTags('tags', fifty))).toBe('OK');
    expect(codeOf(() => assertTags('tags', [...fifty, { key: 'x', value: '' }]))).toBe(
      'LIMIT_EXCEEDED',
    );
    expect(codeOf(() => assertTags('tags', [{ key: 'aws:x', value: '' }]))).toBe('INVALID_INPUT');
    expect(
      codeOf(() =>
        assertTags('tags', [
          { key: 'Team', value: 'a' },
          { key: 'team', value: 'b' },
        ]),
      ),
    ).toBe('INVALID_INPUT');
    expect(codeOf(() => assertTags('tags', [{ key: 'a'.repeat(129), value: '' }]))).toBe(
      'INVALID_INPUT',
    );
    expect(codeOf(() => assertTags('tags', [{ key: 'a', value: 'v'.repeat(257) }]))).toBe(
      'INVALID_INPUT',
    );
    expect(codeOf(() => assertTags('tags', [{ key: 'a', value: 'semi;colon' }]))).toBe(
      'INVALID_INPUT',
    );
  });

  it('merge replaces keys case-insensitively and remove drops them', () => {
    const merged = mergeTags(
      [
        { key: 'Team', value: 'a' },
        { key: 'env', value: 'prod' },
      ],
      [{ key: 'team', value: 'b' }],
    );
    expect(merged).toEqual([
      { key: 'env', value: 'prod' },
      { key: 'team', value: 'b' },
    ]);
    expect(removeTags(merged, ['ENV'])).toEqual([{ key: 'team', value: 'b' }]);
  });
});

describe('streams', () => {
  it('key names case-insensitively, hash names too long for a stream id, and categorise', () => {
    expect(nameStream('user', 'Alice')).toBe('iam-name-user-alice');
    const long = nameStream('mfa', 'd'.repeat(226));
    expect(long).toMatch(/^iam-name-mfa:sha256:[0-9a-f]{64}$/);
    expect(streamCategory(long)).toBe('name');
    expect(streamCategory(entityStream('session', 'ASESX'))).toBe('session');
    expect(streamCategory('iam-account')).toBe('account');
    expect(streamCategory('approvals-request-1')).toBeUndefined();
  });
});

describe('command schemas (IAM parameter constraints)', () => {
  it.each<[string, object]>([
    ['an unknown command', { type: 'MakeMeAdmin' }],
    ['a missing type', { userName: 'x' }],
    ['a user name with a space', { type: 'CreateUser', userName: 'a b' }],
    ['a 65-character user name', { type: 'CreateUser', userName: 'u'.repeat(65) }],
    ['an empty user name', { type: 'CreateUser', userName: '' }],
    ['a path without trailing slash', { type: 'CreateUser', userName: 'a', path: '/eng' }],
    [
      'a path of 513 characters',
      { type: 'CreateUser', userName: 'a', path: `/${'p'.repeat(511)}/` },
    ],
    ['an unknown field', { type: 'CreateUser', userName: 'a', admin: true }],
    [
      '51 tags',
      {
        type: 'CreateUser',
        userName: 'a',
        tags: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: '' })),
      },
    ],
    ['a 129-character group name', { type: 'CreateGroup', groupName: 'g'.repeat(129) }],
    [
      'a policy document over 131,072 characters',
      { type: 'CreatePolicy', policyName: 'p', policyDocument: 'x'.repeat(131_073) },
    ],
    [
      'a version id without v',
      {
        type: 'SetDefaultPolicyVersion',
        policyArn: 'arn:gatehouse:iam::123456789012:policy/p',
        versionId: '2',
      },
    ],
    [
      'a five-digit MFA code',
      {
        type: 'EnableMFADevice',
        serialNumber: 'arn:gatehouse:iam::123456789012:mfa/d',
        authenticationCode1: '12345',
        authenticationCode2: '123456',
      },
    ],
    [
      'a max session duration of 1 hour minus 1 second',
      {
        type: 'CreateRole',
        roleName: 'r',
        assumeRolePolicyDocument: '{}',
        maxSessionDuration: 3599,
      },
    ],
    [
      'a role session name of one character',
      {
        type: 'AssumeRole',
        roleArn: 'arn:gatehouse:iam::123456789012:role/r',
        roleSessionName: 'x',
      },
    ],
    [
      'a sign-in with user name and root email',
      { type: 'SignIn', userName: 'a', rootEmail: 'a@b.co', password: 'p' },
    ],
    ['a sign-in with neither', { type: 'SignIn', password: 'p' }],
    [
      'a password policy minimum length of 5',
      { type: 'UpdateAccountPasswordPolicy', minimumPasswordLength: 5 },
    ],
    [
      'a password of 129 characters',
      { type: 'CreateLoginProfile', userName: 'a', password: 'p'.repeat(129) },
    ],
    ['an access key id of the wrong shape', { type: 'DeleteAccessKey', accessKeyId: 'AKIA123' }],
    ['a non-email root email', { type: 'UpdateRootEmail', rootEmail: 'root' }],
    ['an unknown support plan', { type: 'UpdateSupportPlan', supportPlan: 'Platinum' }],
  ])('refuse %s with INVALID_INPUT naming the field', (_name, command) => {
    let caught: unknown;
    try {
      parseCommand(command);
    } catch (error) {
      caught = error;
    }
    expect(isIamError(caught, 'INVALID_INPUT')).toBe(true);
    expect(Array.isArray((caught as { details: { issues: unknown } }).details.issues)).toBe(true);
  });

  it('accept a well-formed command and keep its fields', () => {
    expect(
      parseCommand({
        type: 'CreateUser',
        userName: 'alice+ops@example.com',
        path: '/eng/backend/',
      }),
    ).toEqual({
      type: 'CreateUser',
      userName: 'alice+ops@example.com',
      path: '/eng/backend/',
    });
  });
});
