import { describe, expect, it } from '@jest/globals';
import { ipRangeContains, parseIpAddress, parseIpRange, type IpRange } from './ipValue.js';

function range(text: string): IpRange {
  const parsed = parseIpRange(text);
  if (parsed === undefined) throw new Error(`not a range: ${text}`);
  return parsed;
}

function contains(block: string, address: string): boolean {
  const parsed = parseIpAddress(address);
  return parsed !== undefined && ipRangeContains(range(block), parsed);
}

describe('IP addresses', () => {
  it('parses IPv4 and IPv6 forms', () => {
    expect(parseIpAddress('203.0.113.1')).toEqual({ version: 4, words: [0xcb007101] });
    expect(parseIpAddress('2001:db8::1')?.words).toEqual([0x20010db8, 0, 0, 1]);
    expect(parseIpAddress('::')?.words).toEqual([0, 0, 0, 0]);
    expect(parseIpAddress('::ffff:10.0.0.1')?.words).toEqual([0, 0, 0xffff, 0x0a000001]);
    expect(parseIpAddress('1:2:3:4:5:6:7:8')?.words).toEqual([0x10002, 0x30004, 0x50006, 0x70008]);
  });

  it.each(['256.1.1.1', '01.2.3.4', '1.2.3', '1::2::3', '1:2:3:4:5:6:7:8:9', 'fe80::1%eth0', 'x'])(
    'rejects %j',
    (text) => {
      expect(parseIpAddress(text)).toBeUndefined();
    },
  );

  it('defaults the prefix to the whole address', () => {
    expect(range('10.0.0.1').prefix).toBe(32);
    expect(range('::1').prefix).toBe(128);
  });

  it.each(['10.0.0.0/33', '::/129', '10.0.0.0/', '10.0.0.0/08'])('rejects the block %j', (text) => {
    expect(parseIpRange(text)).toBeUndefined();
  });

  it.each([
    ['10.0.0.0/8', '10.255.255.255', true],
    ['10.0.0.0/8', '11.0.0.0', false],
    ['0.0.0.0/0', '255.255.255.255', true],
    ['192.0.2.128/25', '192.0.2.127', false],
    ['192.0.2.128/25', '192.0.2.200', true],
    ['2001:db8::/32', '2001:db8:ffff::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['2001:db8:1:2::/63', '2001:db8:1:3::9', true],
    ['2001:db8:1:2::/64', '2001:db8:1:3::9', false],
    ['10.0.0.0/8', '::ffff:10.1.2.3', true],
    ['10.0.0.0/8', '::10.1.2.3', false],
    ['::/0', '10.0.0.1', false],
  ])('%s contains %s: %j', (block, address, expected) => {
    expect(contains(block, address)).toBe(expected);
  });
});
