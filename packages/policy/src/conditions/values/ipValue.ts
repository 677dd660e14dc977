/** An IPv4 address (one 32-bit word) or IPv6 address (four words), most significant first. */
export interface IpAddress {
  readonly version: 4 | 6;
  readonly words: readonly number[];
}

/** A CIDR block: an address and how many leading bits must match. */
export interface IpRange extends IpAddress {
  readonly prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseIpv4Word(text: string): number | undefined {
  const match = IPV4.exec(text);
  if (match === null) return undefined;
  let word = 0;
  for (let i = 1; i <= 4; i++) {
    const part = match[i] ?? '';
    // Leading zeros are rejected: `010` is octal to some parsers and decimal to others.
    if (part.length > 1 && part.startsWith('0')) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    word = word * 256 + octet;
  }
  return word;
}

function parseIpv6Words(text: string): number[] | undefined {
  if (text.length > 45 || text.includes('%')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === '') return [];
    const result: number[] = [];
    const pieces = half.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i] ?? '';
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4Word(piece);
        if (v4 === undefined) return undefined;
        result.push(v4 >>> 16, v4 & 0xffff);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return undefined;
        result.push(Number.parseInt(piece, 16));
      }
    }
    return result;
  };
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...new Array<number>(Math.max(0, missing)).fill(0), ...tail];
  const words: number[] = [];
  for (let i = 0; i < 8; i += 2) words.push((((all[i] ?? 0) << 16) | (all[i + 1] ?? 0)) >>> 0);
  return words;
}

/** Parses an IPv4 or IPv6 address (no zone index). */
export function parseIpAddress(text: string): IpAddress | undefined {
  const v4 = parseIpv4Word(text);
  if (v4 !== undefined) return { version: 4, words: [v4] };
  const v6 = parseIpv6Words(text);
  if (v6 !== undefined) return { version: 6, words: v6 };
  return undefined;
}

/**
 * Parses a CIDR block such as `203.0.113.0/24` or `2001:db8::/32`; an address alone is a /32
 * (IPv4) or /128 (IPv6) block, as IAM documents. Host bits may be set; they are ignored.
 */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const address = parseIpAddress(slash < 0 ? text : text.slice(0, slash));
  if (address === undefined) return undefined;
  const max = address.version === 4 ? 32 : 128;
  if (slash < 0) return { ...address, prefix: max };
  const prefixText = text.slice(slash + 1);
  if (!/^(?:0|[1-9]\d{0,2})$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > max) return undefined;
  return { ...address, prefix };
}

/**
 * Whether the range contains the address. An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) is also
 * tested as the IPv4 address it maps.
 */
export function ipRangeContains(range: IpRange, address: IpAddress): boolean {
  let candidate = address;
  if (range.version === 4 && address.version === 6) {
    const [w0, w1, w2, w3] = address.words;
    if (w0 !== 0 || w1 !== 0 || w2 !== 0xffff || w3 === undefined) return false;
    candidate = { version: 4, words: [w3] };
  }
  if (candidate.version !== range.version) return false;
  for (let i = 0; i < range.words.length; i++) {
    const bits = Math.min(32, Math.max(0, range.prefix - 32 * i));
    if (bits === 0) return true;
    const mask = bits === 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
    if (((range.words[i] ?? 0) & mask) >>> 0 !== ((candidate.words[i] ?? 0) & mask) >>> 0) {
      return false;
    }
  }
  return true;
}
