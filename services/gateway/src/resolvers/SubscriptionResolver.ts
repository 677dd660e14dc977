import type { ChangeRequestUpdate as WorkflowUpdate } from '@gatehouse/workflow';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Field, ID, Resolver, Root, Subscription } from 'type-graphql';
import { authorizeField } from '../authorization/authorizationMiddleware.js';
import { Authorized, AuthorizedTarget } from '../authorization/declaration.js';
import type { GatewayContext } from '../context/gatewayContext.js';
import { GatewayError } from '../errors/gatewayError.js';
import { mapError } from '../errors/mapError.js';
import { toGraphQLError } from '../errors/toGraphQLError.js';
import { ChangeRequestUpdate, changeRequestUpdateOf } from '../schema/types/workflowTypes.js';
import { principalOf } from './support/runCommand.js';
import {
  changeRequestContext,
  loadChangeRequest,
  requestArnOf,
  type ChangeRequestTarget,
} from './support/workflowTargets.js';

@ArgsType()
class ChangeRequestUpdatedArgs {
  @Field(() => ID)
  id!: string;
}

/** What type-graphql hands a `subscribe` function. */
interface SubscribeData {
  readonly args: Record<string, unknown>;
  readonly context: GatewayContext;
  readonly info: GraphQLResolveInfo;
}

/**
 * Authorizes a subscription once, when it starts (the declaration on the field,
 * as for queries), then opens the feed. Refusals leave as typed errors.
 */
async function subscribed(
  data: SubscribeData,
  open: (context: GatewayContext) => Promise<AsyncIterable<WorkflowUpdate>>,
): Promise<AsyncIterable<WorkflowUpdate>> {
  try {
    await authorizeField(data.info, data.args, data.context);
    return await open(data.context);
  } catch (error) {
    throw toGraphQLError(mapError(error), data.context.request.requestId);
  }
}

/**
 * Live change-request updates over graphql-ws (see `server/subscriptions.ts`):
 * the gateway tails the log itself (`ChangeRequestFeed`); nothing is stored.
 */
@Resolver()
export class SubscriptionResolver {
  @Subscription(() => ChangeRequestUpdate, {
    description: 'Every state change of one change request from now on',
    subscribe: (data: SubscribeData) =>
      subscribed(data, async (context) => {
        const id = String(data.args.id);
        const request: ChangeRequestTarget = await loadChangeRequest(id, context.services);
        if (request === undefined) {
          throw new GatewayError(
            'NOT_FOUND',
            `change request \`${id.slice(0, 64)}\` cannot be found`,
          );
        }
        return context.services.changeRequestFeed.subscribe({ requestId: request.requestId });
      }),
  })
  @AuthorizedTarget<ChangeRequestUpdatedArgs, ChangeRequestTarget>(
    'approvals:GetChangeRequest',
    (args, services) => loadChangeRequest(args.id, services),
    (args, target, { arns }) => requestArnOf(args.id, target, arns.accountId),
    { context: (_args, target) => changeRequestContext(target) },
  )
  changeRequestUpdated(
    @Root() update: WorkflowUpdate,
    @Args() _args: ChangeRequestUpdatedArgs,
  ): ChangeRequestUpdate {
    return changeRequestUpdateOf(update);
  }

  @Subscription(() => ChangeRequestUpdate, {
    description: 'Every state change of the requests you submit (as this principal) from now on',
    subscribe: (data: SubscribeData) =>
      subscribed(data, (context) =>
        Promise.resolve(
          context.services.changeRequestFeed.subscribe({
            requesterArn: principalOf(context).principalArn,
          }),
        ),
      ),
  })
  @Authorized('approvals:ListChangeRequests', () => '*')
  myChangeRequestsUpdated(@Root() update: WorkflowUpdate): ChangeRequestUpdate {
    return changeRequestUpdateOf(update);
  }
}
