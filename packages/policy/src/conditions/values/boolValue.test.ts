import { describe, expect, it } from '@jest/globals';
import { parseBoolValue } from './boolValue.js';

describe('parseBoolValue', () => {
  it('reads true and false in any case', () => {
    expect([parseBoolValue('true'), parseBoolValue('FALSE'), parseBoolValue('True')]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('rejects anything else', () => {
    expect([parseBoolValue('yes'), parseBoolValue('1'), parseBoolValue('')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});
