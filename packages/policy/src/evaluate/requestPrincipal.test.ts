import { describe, expect, it } from '@jest/globals';
import { parseRequestPrincipal } from './requestPrincipal.js';

describe('parseRequestPrincipal', () => {
  it.each([
    ['arn:aws:iam::111122223333:root', 'root', undefined],
    ['arn:aws:iam::111122223333:user/path/alice', 'user', undefined],
    ['arn:aws:iam::111122223333:role/path/app', 'role', 'app'],
    ['arn:aws:sts::111122223333:assumed-role/app/session', 'role-session', 'app'],
    ['arn:aws:sts::111122223333:federated-user/carol', 'federated-user', undefined],
    ['arn:aws:s3:::bucket', 'other', undefined],
    ['ec2.amazonaws.com', 'other', undefined],
  ])('reads %s as %s', (arn, kind, roleName) => {
    expect(parseRequestPrincipal(arn)).toMatchObject({ arn, kind, roleName });
  });

  it('keeps the account and partition', () => {
    expect(parseRequestPrincipal('arn:aws-cn:iam::111122223333:user/a')).toMatchObject({
      partition: 'aws-cn',
      account: '111122223333',
    });
  });
});
