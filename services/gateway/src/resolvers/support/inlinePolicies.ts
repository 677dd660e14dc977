import type { GatewayContext } from '../../context/gatewayContext.js';
import type { InlinePolicy } from '../../schema/types/policyTypes.js';
import { notFound } from './readModels.js';

/** An inline policy of a user, group or role by name (GetUserPolicy and its siblings). */
export async function inlinePolicy(
  context: GatewayContext,
  entityType: 'User' | 'Group' | 'Role',
  entityName: string,
  policyName: string,
): Promise<InlinePolicy> {
  await context.services.readModels.current();
  let after: string | undefined;
  // Inline policies of one identity are few (IAM's aggregate size quota): a page or two.
  for (;;) {
    const page = await context.services.queries.listInlinePolicies(entityType, entityName, {
      first: 100,
      ...(after === undefined ? {} : { after }),
    });
    const found = page.edges.find((e) => e.node.policyName === policyName);
    if (found !== undefined)
      return { policyName: found.node.policyName, policyDocument: found.node.policyDocument };
    if (!page.pageInfo.hasNextPage || page.pageInfo.endCursor === null) break;
    after = page.pageInfo.endCursor;
  }
  throw notFound(`${entityType.toLowerCase()} policy`, policyName);
}
