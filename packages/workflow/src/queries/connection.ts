import type { Connection, PageArgs } from '@gatehouse/iam';
import { invalidInput } from '../shared/workflowError.js';

export type { Connection, PageArgs };

/** The largest page. */
export const MAX_PAGE_SIZE = 100;

/** The page size asked for (default 50). @throws WorkflowError `INVALID_INPUT` */
export function pageSize(args: PageArgs): number {
  const first = args.first ?? 50;
  if (!Number.isSafeInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw invalidInput('first', `must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/** An opaque cursor over a row's sort key. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The sort key of a cursor. @throws WorkflowError `INVALID_INPUT` */
export function decodeCursor(cursor: string | undefined, parts: number): string[] | undefined {
  if (cursor === undefined) return undefined;
  const bad = invalidInput('after', 'is not a valid cursor');
  if (cursor.length > 1024) throw bad;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad;
  }
  if (!Array.isArray(value) || value.length !== parts || !value.every((v) => typeof v === 'string'))
    throw bad;
  return value;
}

/** A connection from rows fetched with one extra. */
export function toConnection<R, T>(
  rows: readonly R[],
  first: number,
  key: (row: R) => string[],
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
