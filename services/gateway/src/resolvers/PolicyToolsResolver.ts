import { evaluate, GATEHOUSE_CATALOGUE, validatePolicy, type PolicyKind } from '@gatehouse/policy';
import { Args, ArgsType, Ctx, Field, Query, Resolver } from 'type-graphql';
import { AuthenticatedOnly, Authorized } from '../authorization/declaration.js';
import type { GatewayContext } from '../context/gatewayContext.js';
import { badInput } from '../errors/gatewayError.js';
import {
  AuthorizationDecision,
  ContextEntryInput,
  decisionOf,
} from '../schema/types/decisionTypes.js';
import { PolicyFinding, policyFindingOf } from '../schema/types/findingTypes.js';
import { requestContextOf } from './support/contextEntries.js';

const POLICY_TYPES: Readonly<Record<string, PolicyKind>> = {
  IDENTITY_POLICY: 'identity',
  RESOURCE_POLICY: 'resource',
  TRUST_POLICY: 'trust',
  PERMISSIONS_BOUNDARY: 'boundary',
  GUARDRAIL: 'guardrail',
};

/** Simulations are bounded like batches: actions × resources. */
const MAX_SIMULATIONS = 100;
const MAX_POLICIES = 20;

@ArgsType()
class ValidatePolicyArgs {
  @Field(() => String, { description: 'The policy document (JSON)' })
  policyDocument!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'IDENTITY_POLICY (default), RESOURCE_POLICY, TRUST_POLICY, PERMISSIONS_BOUNDARY or GUARDRAIL',
  })
  policyType?: string | null;
}

@ArgsType()
class SimulationArgs {
  @Field(() => [String])
  actionNames!: string[];

  @Field(() => [String], { nullable: true, description: '`*` when left out' })
  resourceArns?: string[] | null;

  @Field(() => [ContextEntryInput], { nullable: true })
  contextEntries?: ContextEntryInput[] | null;
}

@ArgsType()
class SimulatePrincipalPolicyArgs extends SimulationArgs {
  @Field(() => String, {
    description: 'A user, role (simulated as a session of it), role session or the root user',
  })
  policySourceArn!: string;
}

@ArgsType()
class SimulateCustomPolicyArgs extends SimulationArgs {
  @Field(() => [String], { description: 'Identity policies (JSON), evaluated together' })
  policyInputList!: string[];

  @Field(() => String, { nullable: true, description: 'A permissions boundary (JSON)' })
  permissionsBoundaryPolicyInput?: string | null;

  @Field(() => String, { nullable: true, description: 'A resource-based policy (JSON)' })
  resourcePolicy?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The principal evaluated (default: a user `simulated`)',
  })
  callerArn?: string | null;
}

function pairs(args: SimulationArgs): { action: string; resource: string }[] {
  const resources = args.resourceArns ?? ['*'];
  if (args.actionNames.length === 0) throw badInput('actionNames', 'must name at least one action');
  if (args.actionNames.length * resources.length > MAX_SIMULATIONS) {
    throw badInput('actionNames', `actions × resources must be at most ${MAX_SIMULATIONS}`);
  }
  return args.actionNames.flatMap((action) => resources.map((resource) => ({ action, resource })));
}

/** The role ARN `arn:…:role/<path><name>` as a session of it, so its permissions can be simulated. */
function principalToSimulate(arn: string): string {
  const role = /^arn:gatehouse:iam::(\d{12}):role\/(?:[^/]+\/)*([^/]+)$/.exec(arn);
  return role?.[1] === undefined || role[2] === undefined
    ? arn
    : `arn:gatehouse:sts::${role[1]}:assumed-role/${role[2]}/simulation`;
}

/** Policy tools: validation, and simulations (not real decisions: not logged). */
@Resolver()
export class PolicyToolsResolver {
  @Query(() => [PolicyFinding], {
    description: 'Checks a policy document: findings with line and column',
  })
  @AuthenticatedOnly('a pure check of the given text: reads nothing of the account')
  validatePolicy(@Args() args: ValidatePolicyArgs): PolicyFinding[] {
    const kind = POLICY_TYPES[args.policyType ?? 'IDENTITY_POLICY'];
    if (kind === undefined)
      throw badInput('policyType', `must be one of ${Object.keys(POLICY_TYPES).join(', ')}`);
    return validatePolicy(args.policyDocument, { kind, catalogue: GATEHOUSE_CATALOGUE }).map(
      policyFindingOf,
    );
  }

  @Query(() => [AuthorizationDecision], {
    description:
      "IAM SimulatePrincipalPolicy: the principal's current policies on actions × resources",
  })
  @Authorized<SimulatePrincipalPolicyArgs>(
    'iam:SimulatePrincipalPolicy',
    (args) => args.policySourceArn,
  )
  simulatePrincipalPolicy(
    @Args() args: SimulatePrincipalPolicyArgs,
    @Ctx() ctx: GatewayContext,
  ): AuthorizationDecision[] {
    const context = requestContextOf(args.contextEntries, 'contextEntries');
    const principal = principalToSimulate(args.policySourceArn);
    return pairs(args).map(({ action, resource }) =>
      decisionOf(
        { principal: args.policySourceArn, action, resource },
        ctx.services.iam.authorize({ principal, action, resource, context }),
      ),
    );
  }

  @Query(() => [AuthorizationDecision], {
    description: 'IAM SimulateCustomPolicy: the given policies only',
  })
  @Authorized('iam:SimulateCustomPolicy', () => '*')
  simulateCustomPolicy(
    @Args() args: SimulateCustomPolicyArgs,
    @Ctx() ctx: GatewayContext,
  ): AuthorizationDecision[] {
    if (args.policyInputList.length === 0 || args.policyInputList.length > MAX_POLICIES) {
      throw badInput('policyInputList', `must hold 1-${MAX_POLICIES} policies`);
    }
    const context = requestContextOf(args.contextEntries, 'contextEntries');
    const principal =
      args.callerArn ?? `arn:gatehouse:iam::${ctx.services.arns.accountId}:user/simulated`;
    const identityPolicies = args.policyInputList.map((document, index) => ({
      name: `policy${index + 1}`,
      document,
    }));
    const boundary = args.permissionsBoundaryPolicyInput;
    const resourcePolicy = args.resourcePolicy;
    return pairs(args).map(({ action, resource }) =>
      decisionOf(
        { principal, action, resource },
        evaluate({
          request: { principal, action, resource, context },
          identityPolicies,
          ...(boundary === null || boundary === undefined
            ? {}
            : { permissionsBoundary: { name: 'boundary', document: boundary } }),
          ...(resourcePolicy === null || resourcePolicy === undefined
            ? {}
            : { resourcePolicy: { name: 'resourcePolicy', document: resourcePolicy } }),
        }),
      ),
    );
  }
}
