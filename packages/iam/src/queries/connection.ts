import { IamError, invalidInput } from '../shared/iamError.js';

/** Relay-style page arguments: at most `first` items after the `after` cursor. */
export interface PageArgs {
  /** 1-100 (default 50). */
  readonly first?: number | undefined;
  /** An opaque cursor from a previous page's `endCursor`. */
  readonly after?: string | undefined;
}

/** A Relay connection. */
export interface Connection<T> {
  readonly edges: readonly { readonly cursor: string; readonly node: T }[];
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
    readonly startCursor: string | null;
    readonly endCursor: string | null;
  };
}

/** The largest page. */
export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 50;

/** The page size asked for. @throws IamError `INVALID_INPUT` */
export function pageSize(args: PageArgs): number {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw invalidInput('first', `must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/** A cursor: the sort key and id of the last item, opaque to clients. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** @throws IamError `INVALID_INPUT` when the cursor is not one of ours */
export function decodeCursor(cursor: string, parts: number): (string | number)[] {
  const bad = new IamError('INVALID_INPUT', '`after` is not a valid cursor', {
    details: { issues: [{ path: 'after', message: 'invalid cursor' }] },
  });
  if (cursor.length > 1024) throw bad;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad;
  }
  if (
    !Array.isArray(value) ||
    value.length !== parts ||
    !value.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))
  ) {
    throw bad;
  }
  return value as (string | number)[];
}

/** Builds a connection from rows fetched with one extra (to know if more exist). */
export function toConnection<R, T>(
  rows: readonly R[],
  first: number,
  key: (row: R) => (string | number)[],
  node: (row: R) => T,
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({ cursor: encodeCursor(key(row)), node: node(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
