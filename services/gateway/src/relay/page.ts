import { badInput } from '../errors/gatewayError.js';

/** The largest page any connection returns. */
export const MAX_PAGE_SIZE = 100;
/** The page size when `first` is left out. */
export const DEFAULT_PAGE_SIZE = 50;
const MAX_CURSOR_LENGTH = 1024;

/** A checked page request. */
export interface Page {
  readonly first: number;
  readonly after?: string;
}

/**
 * Checks page arguments before anything is read: `first` within 1-100, the
 * cursor bounded (its content is checked by the list that issued it).
 * @throws GatewayError `BAD_USER_INPUT`
 */
export function pageOf(args: {
  readonly first?: number | null;
  readonly after?: string | null;
}): Page {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput('first', `must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  if (args.after === null || args.after === undefined) return { first };
  if (args.after.length === 0 || args.after.length > MAX_CURSOR_LENGTH) {
    throw badInput('after', 'is not a valid cursor');
  }
  return { first, after: args.after };
}
