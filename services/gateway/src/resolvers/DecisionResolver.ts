import type { RequestContextInput } from '@gatehouse/policy';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { AuthorizedEach } from '../authorization/declaration.js';
import type { GatewayContext } from '../context/gatewayContext.js';
import { badInput } from '../errors/gatewayError.js';
import {
  AuthorizationDecision,
  AuthorizationRequestInput,
  ContextEntryInput,
  decisionOf,
} from '../schema/types/decisionTypes.js';
import { requestContextOf } from './support/contextEntries.js';
import { principalOf } from './support/runCommand.js';

interface Question {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
}

function checkQuestion(question: Question, where: string): void {
  if (question.principal.length === 0 || question.principal.length > 2048)
    throw badInput(`${where}principal`, 'must be an ARN');
  if (question.action.length === 0 || question.action.length > 256)
    throw badInput(`${where}action`, 'must be `service:Action`');
  if (question.resource.length === 0 || question.resource.length > 2048)
    throw badInput(`${where}resource`, 'must be an ARN or `*`');
}

/**
 * Gatehouse as other services' decision point: may this principal do this action
 * on this resource, with this context? Callers need `iam:SimulatePrincipalPolicy`
 * on each principal they ask about (reading a decision reveals its policies'
 * effect, as a simulation does). Every answer goes to the decision log
 * (`source: isAuthorized`), which feeds "last used" data.
 */
@Resolver()
export class DecisionResolver {
  @Query(() => AuthorizationDecision, {
    description: 'One authorization decision for another service',
  })
  @AuthorizedEach<{ principal: string }>('iam:SimulatePrincipalPolicy', (args) => [args.principal])
  isAuthorized(
    @Arg('principal', () => String) principal: string,
    @Arg('action', () => String) action: string,
    @Arg('resource', () => String) resource: string,
    @Arg('context', () => [ContextEntryInput], { nullable: true })
    context: ContextEntryInput[] | null | undefined,
    @Ctx() ctx: GatewayContext,
  ): AuthorizationDecision {
    const question = { principal, action, resource };
    checkQuestion(question, '');
    return decide(ctx, question, requestContextOf(context, 'context'));
  }

  @Query(() => [AuthorizationDecision], { description: 'Up to 100 decisions at once, in order' })
  @AuthorizedEach<{ requests: AuthorizationRequestInput[] }>(
    'iam:SimulatePrincipalPolicy',
    (args) => args.requests.map((r) => r.principal),
  )
  isAuthorizedBatch(
    @Arg('requests', () => [AuthorizationRequestInput]) requests: AuthorizationRequestInput[],
    @Ctx() ctx: GatewayContext,
  ): AuthorizationDecision[] {
    const max = ctx.services.limits.maxBatchSize;
    if (requests.length === 0 || requests.length > max)
      throw badInput('requests', `must hold 1-${max} requests`);
    // Every question is checked before any is decided (and logged).
    const contexts = requests.map((request, index) => {
      checkQuestion(request, `requests.${index}.`);
      return requestContextOf(request.context, `requests.${index}.context`);
    });
    return requests.map((request, index) => decide(ctx, request, contexts[index] ?? {}));
  }
}

function decide(
  ctx: GatewayContext,
  question: Question,
  context: RequestContextInput,
): AuthorizationDecision {
  const caller = principalOf(ctx);
  const result = ctx.services.authorizer.decide(
    {
      principal: question.principal,
      action: question.action,
      resource: question.resource,
      context,
    },
    {
      requestId: ctx.request.requestId,
      source: 'isAuthorized',
      callerArn: caller.principalArn,
      decidedAt: ctx.services.clock.now(),
    },
  );
  return decisionOf(question, result);
}
