import { GraphQLError } from 'graphql';
import type { MappedError } from './mapError.js';

/**
 * The GraphQL error a client receives: the message, `extensions.code`, and
 * `extensions.details` when there is anything to say (findings with line and
 * column, the denied action and resource, ...). Faults carry the request id
 * instead, to quote when reporting them.
 */
export function toGraphQLError(mapped: MappedError, requestId: string): GraphQLError {
  const extensions: Record<string, unknown> = { code: mapped.code };
  if (Object.keys(mapped.details).length > 0) extensions.details = mapped.details;
  if (mapped.fault) extensions.requestId = requestId;
  return new GraphQLError(mapped.message, { extensions });
}
