import { describe, expect, it } from '@jest/globals';
import { parseArn, splitArn } from './arn.js';

describe('splitArn', () => {
  it('splits at the first five colons', () => {
    expect(splitArn('arn:aws:logs:r:1:log-group:a:b')).toEqual([
      'arn',
      'aws',
      'logs',
      'r',
      '1',
      'log-group:a:b',
    ]);
  });

  it('needs five colons', () => {
    expect(splitArn('arn:aws:s3:bucket')).toBeUndefined();
  });
});

describe('parseArn', () => {
  it('names the parts', () => {
    expect(parseArn('arn:aws:s3:::bucket/key')).toEqual({
      partition: 'aws',
      service: 's3',
      region: '',
      account: '',
      resource: 'bucket/key',
    });
  });

  it('needs the arn prefix', () => {
    expect(parseArn('urn:aws:s3:::b')).toBeUndefined();
  });
});
