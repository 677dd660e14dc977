import { describe, expect, it } from '@jest/globals';
import { requestContextOf } from './contextEntries.js';

describe('requestContextOf', () => {
  it('types values by count or by the given type', () => {
    expect(
      requestContextOf([
        { key: 'aws:SourceIp', values: ['10.0.0.1'] },
        { key: 'aws:TagKeys', values: ['a', 'b'] },
        { key: 's3:max-keys', values: ['10'], type: 'NUMERIC' as never },
        { key: 'aws:SecureTransport', values: ['true'], type: 'BOOLEAN' as never },
        { key: 'one-list', values: ['x'], type: 'STRING_LIST' as never },
      ]),
    ).toEqual({
      'aws:SourceIp': '10.0.0.1',
      'aws:TagKeys': ['a', 'b'],
      's3:max-keys': 10,
      'aws:SecureTransport': true,
      'one-list': ['x'],
    });
  });

  it('refuses unbounded or ill-typed input, naming the entry', () => {
    expect(() =>
      requestContextOf(Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, values: ['v'] }))),
    ).toThrow(/at most 50/);
    expect(() =>
      requestContextOf([{ key: 'n', values: ['ten'], type: 'NUMERIC' as never }]),
    ).toThrow(/context\.0\.values/);
    expect(() => requestContextOf([{ key: '', values: ['v'] }])).toThrow(/context\.0\.key/);
    expect(() => requestContextOf([{ key: 'k', values: [] }])).toThrow(/1-50 values/);
  });
});
