import { buildGlob, matchGlob, type Glob, type GlobPiece } from '../patterns/glob.js';
import {
  resolvePieces,
  resolveString,
  type Template,
  type VariableLookup,
} from '../patterns/policyVariables.js';
import type { ContextEntry } from './requestContext.js';
import type { Comparison, OperatorFamily } from './operators.js';
import { decodeBase64 } from './values/binaryValue.js';
import { parseBoolValue } from './values/boolValue.js';
import { parseDateValue } from './values/dateValue.js';
import { ipRangeContains, parseIpRange, type IpRange } from './values/ipValue.js';
import { parseNumericValue } from './values/numericValue.js';

/**
 * How one operator family reads policy values and compares a request value with one of them.
 * `read` turns a (possibly variable-bearing) template into the typed policy value; it returns
 * undefined when the text is not a value of the family or a variable cannot be resolved.
 */
export interface ValueKind<T> {
  read(template: Template, lookup: VariableLookup | undefined): T | undefined;
  /** Whether request value `index` of `entry` satisfies the comparison with `value`. */
  test(entry: ContextEntry, index: number, value: T): boolean;
}

/** What a family expects, for messages: "expected a number". */
export function describeExpectedValue(family: OperatorFamily): string {
  switch (family) {
    case 'String':
      return 'a string';
    case 'Numeric':
      return 'an integer or decimal number';
    case 'Date':
      return 'an ISO 8601 date or epoch seconds';
    case 'Bool':
      return '`true` or `false`';
    case 'Binary':
      return 'base64-encoded bytes';
    case 'IpAddress':
      return 'an IPv4 or IPv6 address or CIDR block';
    case 'Arn':
      return 'an ARN with six colon-separated parts';
    case 'Null':
      return '`true` or `false`';
  }
}

/** Orders two numbers as the comparison asks (`equals` included). */
function compareOrdered(comparison: Comparison, request: number, policy: number): boolean {
  switch (comparison) {
    case 'equals':
      return request === policy;
    case 'lessThan':
      return request < policy;
    case 'lessThanEquals':
      return request <= policy;
    case 'greaterThan':
      return request > policy;
    case 'greaterThanEquals':
      return request >= policy;
    case 'equalsIgnoreCase':
    case 'like':
    case 'inRange':
    case 'exists':
      return false;
  }
}

const exactString: ValueKind<string> = {
  read: (template, lookup) => resolveString(template, lookup),
  test: (entry, index, value) => entry.values[index] === value,
};

const ignoreCaseString: ValueKind<string> = {
  read: (template, lookup) => resolveString(template, lookup)?.toLowerCase(),
  test: (entry, index, value) => entry.lower(index) === value,
};

const likeString: ValueKind<Glob> = {
  read: (template, lookup) => {
    const pieces = resolvePieces(template, lookup);
    return pieces === undefined ? undefined : buildGlob(pieces);
  },
  test: (entry, index, glob) => matchGlob(glob, entry.values[index] ?? ''),
};

function orderedKind(
  comparison: Comparison,
  parse: (text: string) => number | undefined,
  requestValue: (entry: ContextEntry, index: number) => number | undefined,
): ValueKind<number> {
  return {
    read: (template) => parse(template.raw),
    test: (entry, index, value) => {
      const request = requestValue(entry, index);
      return request !== undefined && compareOrdered(comparison, request, value);
    },
  };
}

const boolKind: ValueKind<string> = {
  read: (template, lookup) => {
    const text = resolveString(template, lookup);
    const value = text === undefined ? undefined : parseBoolValue(text);
    return value === undefined ? undefined : String(value);
  },
  test: (entry, index, value) => entry.lower(index) === value,
};

const binaryKind: ValueKind<string> = {
  read: (template) => decodeBase64(template.raw),
  test: (entry, index, value) => entry.binary(index) === value,
};

const ipKind: ValueKind<IpRange> = {
  read: (template) => parseIpRange(template.raw),
  test: (entry, index, range) => {
    const address = entry.ip(index);
    return address !== undefined && ipRangeContains(range, address);
  },
};

/** An ARN pattern: six segment globs, or `any` for the bare pattern `*`. */
export type ArnPattern = readonly Glob[] | 'any';

const arnKind: ValueKind<ArnPattern> = {
  read: (template, lookup) => {
    if (template.raw === '*') return 'any';
    const pieces = resolvePieces(template, lookup);
    return pieces === undefined ? undefined : arnSegmentGlobs(pieces);
  },
  test: (entry, index, pattern) => {
    if (pattern === 'any') return true;
    const parts = entry.arn(index);
    if (parts === undefined) return false;
    for (let i = 0; i < 6; i++) {
      const glob = pattern[i];
      if (glob === undefined || !matchGlob(glob, parts[i] ?? '')) return false;
    }
    return true;
  },
};

/**
 * Splits an ARN pattern into its six segments at the colons of the policy text (colons inside
 * substituted variable values do not separate segments). Each segment is matched on its own,
 * so a `*` never crosses a colon, as AWS documents for the ARN operators.
 */
export function arnSegmentGlobs(pieces: readonly GlobPiece[]): Glob[] | undefined {
  const segments: GlobPiece[][] = [[]];
  for (const piece of pieces) {
    if (!piece.wildcards) {
      segments[segments.length - 1]?.push(piece);
      continue;
    }
    let rest = piece.text;
    let colon = rest.indexOf(':');
    while (colon >= 0 && segments.length < 6) {
      segments[segments.length - 1]?.push({ text: rest.slice(0, colon), wildcards: true });
      segments.push([]);
      rest = rest.slice(colon + 1);
      colon = rest.indexOf(':');
    }
    segments[segments.length - 1]?.push({ text: rest, wildcards: true });
  }
  if (segments.length !== 6) return undefined;
  return segments.map((segment) => buildGlob(segment));
}

/** The value kind of an operator family and comparison. */
export function valueKindOf(
  family: Exclude<OperatorFamily, 'Null'>,
  comparison: Comparison,
): ValueKind<unknown> {
  switch (family) {
    case 'String':
      if (comparison === 'like') return likeString;
      if (comparison === 'equalsIgnoreCase') return ignoreCaseString;
      return exactString;
    case 'Numeric':
      return orderedKind(comparison, parseNumericValue, (entry, index) => entry.number(index));
    case 'Date':
      return orderedKind(comparison, parseDateValue, (entry, index) => entry.date(index));
    case 'Bool':
      return boolKind;
    case 'Binary':
      return binaryKind;
    case 'IpAddress':
      return ipKind;
    case 'Arn':
      return arnKind;
  }
}
