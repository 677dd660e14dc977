import { EventStoreError } from '../errors.js';

const MAX_DEPTH = 64;

/**
 * The canonical JSON text of a value, the input of every hash in the log:
 * object keys sorted by UTF-16 code units, no insignificant whitespace, strings
 * and numbers as ECMAScript's JSON.stringify writes them (the shape of RFC 8785,
 * JCS). Only plain JSON is accepted: no undefined, functions, symbols, bigint,
 * NaN or Infinity, Dates or class instances, lone surrogates or U+0000 (which
 * PostgreSQL's jsonb refuses), nesting deeper than 64. What this accepts
 * survives a round trip through jsonb unchanged, so hashes recomputed from
 * stored rows match.
 * @throws EventStoreError `INVALID_EVENT`, naming the JSON pointer of the offending value
 */
export function canonicalJson(value: unknown, path = ''): string {
  return write(value, [path], 0);
}

// `path` is a stack of JSON-pointer segments, joined only when reporting an error:
// building a pointer string per member was the main cost of the hot path.
function write(value: unknown, path: string[], depth: number): string {
  if (depth > MAX_DEPTH) fail(path, `nesting deeper than ${MAX_DEPTH}`);
  switch (typeof value) {
    case 'string':
      checkString(value, path);
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) fail(path, `${String(value)} is not JSON`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let index = 0; index < value.length; index += 1) {
          path.push(String(index));
          out += (index === 0 ? '' : ',') + write(value[index], path, depth + 1);
          path.pop();
        }
        return `${out}]`;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) {
        fail(path, 'is not a plain object (Dates and class instances are not JSON)');
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      for (const [index, key] of keys.entries()) {
        path.push(key);
        checkString(key, path);
        out += `${index === 0 ? '' : ','}${JSON.stringify(key)}:${write(record[key], path, depth + 1)}`;
        path.pop();
      }
      return `${out}}`;
    }
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      return fail(path, `a ${typeof value} is not JSON`);
  }
}

// U+0000 and unpaired surrogates: jsonb rejects the first, and the second has no UTF-8 form.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkString(text: string, path: readonly string[]): void {
  if (UNSTORABLE.test(text)) fail(path, 'contains U+0000 or an unpaired surrogate');
}

function fail(path: readonly string[], problem: string): never {
  const [base = '', ...segments] = path;
  const pointer =
    base +
      segments.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('') ||
    '/';
  throw new EventStoreError('INVALID_EVENT', `value at \`${pointer}\` ${problem}`, {
    details: { path: pointer },
  });
}
