import type { GraphQLResolveInfo } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import type { GatewayContext } from '../context/gatewayContext.js';
import { GatewayError } from '../errors/gatewayError.js';
import { AUTHORIZATION_EXTENSION, type AuthorizationDeclaration } from './declaration.js';

/**
 * True for fields of the Query and Mutation types (the calls into the domain).
 * Subscription fields are authorized once, when subscribed ({@link authorizeField}
 * in their `subscribe`), not on every update they push.
 */
export function isRootField(info: GraphQLResolveInfo): boolean {
  return (
    info.parentType === info.schema.getQueryType() ||
    info.parentType === info.schema.getMutationType()
  );
}

/** The declaration a field carries, if any. */
export function declarationOf(info: GraphQLResolveInfo): AuthorizationDeclaration | undefined {
  const field = info.parentType.getFields()[info.fieldName];
  return field?.extensions[AUTHORIZATION_EXTENSION] as AuthorizationDeclaration | undefined;
}

/**
 * Decides whether the caller may run a root field, before its resolver runs:
 * default deny (a field without a declaration is refused), authentication where
 * the declaration needs it, then every policy check through the authorizer
 * (which logs each decision). Nested fields are plain data and pass. `target`
 * is what the declaration's `load` read (the middleware reads it first).
 * @throws GatewayError `UNAUTHENTICATED`, `FORBIDDEN`
 */
export function enforceDeclaration(
  declaration: AuthorizationDeclaration | undefined,
  fieldName: string,
  args: Readonly<Record<string, unknown>>,
  context: GatewayContext,
  target?: unknown,
): void {
  const { services, request, principal } = context;
  if (declaration === undefined) {
    services.logger.error({ field: fieldName }, 'field without authorization declaration refused');
    throw new GatewayError('FORBIDDEN', `\`${fieldName}\` has no authorization declaration`);
  }
  if (declaration.kind === 'public') return;
  if (principal === undefined) {
    throw new GatewayError('UNAUTHENTICATED', 'authentication is required', {
      details: { reason: 'MISSING_CREDENTIALS' },
    });
  }
  if (declaration.kind === 'authenticated') return;
  if (declaration.kind === 'root') {
    if (principal.principalType === 'Root') return;
    throw new GatewayError(
      'FORBIDDEN',
      `\`${fieldName}\` is an account-level task of the root user`,
      {
        details: { reason: 'ROOT_ONLY' },
      },
    );
  }
  const checks = declaration.checks(args, { principal, arns: services.arns, target });
  if (checks.length === 0) {
    throw new GatewayError('FORBIDDEN', `\`${fieldName}\` named no resource to authorize`);
  }
  for (const check of checks) {
    const result = services.authorizer.decide(
      {
        principal,
        action: declaration.action,
        resource: check.resource,
        context: check.context,
        resourcePolicy: check.resourcePolicy,
      },
      {
        requestId: request.requestId,
        source: 'gateway',
        callerArn: principal.principalArn,
        sourceIp: request.sourceIp,
        secureTransport: request.secureTransport,
        decidedAt: services.clock.now(),
      },
    );
    if (result.root) {
      services.logger.warn(
        { requestId: request.requestId, action: declaration.action, resource: check.resource },
        'root user credentials used',
      );
    }
    if (result.decision !== 'Allowed') {
      throw new GatewayError(
        'FORBIDDEN',
        `\`${principal.principalArn}\` is not authorized to perform \`${declaration.action}\` on resource \`${check.resource}\`${
          result.decision === 'ExplicitlyDenied' ? ' with an explicit deny' : ''
        }`,
        {
          details: {
            action: declaration.action,
            resource: check.resource,
            decision: result.decision,
          },
        },
      );
    }
  }
}

/**
 * Authorizes a root field (Query, Mutation or Subscription) for the context's
 * caller: reads the declaration's target first when it has a `load`, then
 * {@link enforceDeclaration}.
 * @throws GatewayError `UNAUTHENTICATED`, `FORBIDDEN`
 */
export async function authorizeField(
  info: GraphQLResolveInfo,
  args: Readonly<Record<string, unknown>>,
  context: GatewayContext,
): Promise<void> {
  const declaration = declarationOf(info);
  const target =
    declaration?.kind === 'policy' &&
    declaration.load !== undefined &&
    context.principal !== undefined
      ? await declaration.load(args, context.services)
      : undefined;
  enforceDeclaration(declaration, info.fieldName, args, context, target);
}

/**
 * type-graphql global middleware: enforces each root field's authorization
 * declaration (see {@link enforceDeclaration}). Registered globally so no
 * resolver can opt out by forgetting it.
 */
export const authorizationMiddleware: MiddlewareFn<GatewayContext> = async (
  { args, context, info },
  next,
) => {
  if (isRootField(info)) await authorizeField(info, args, context);
  return next() as Promise<unknown>;
};
