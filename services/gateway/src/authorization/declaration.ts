import type { Principal } from '@gatehouse/iam';
import type { RequestContextInput } from '@gatehouse/policy';
import { Extensions } from 'type-graphql';
import type { GatewayServices } from '../context/gatewayContext.js';
import type { TargetArns } from './targetArns.js';

/** The key under which a field's declaration sits in its GraphQL `extensions`. */
export const AUTHORIZATION_EXTENSION = 'gatehouseAuthorization';

/** A resource-based policy that takes part in a decision (a role's trust policy for AssumeRole). */
export interface ResourcePolicyInput {
  readonly name: string;
  readonly document: string;
  /** The policy must allow (trust policies), not merely may. */
  readonly mustAllow?: boolean;
}

/** One decision a call needs: the action on a resource, with the action's condition keys. */
export interface PolicyCheck {
  readonly resource: string;
  /** Condition keys of the action (`aws:RequestTag/…`, `iam:PolicyARN`, …). */
  readonly context?: RequestContextInput;
  readonly resourcePolicy?: ResourcePolicyInput;
}

/** What a declaration's functions may use: the caller and the ARNs of the account. */
export interface AuthorizationScope {
  readonly principal: Principal;
  readonly arns: TargetArns;
  /** What the declaration's `load` read about the target (a change request), if it has one. */
  readonly target?: unknown;
}

/**
 * How a root field is authorized. Every Query and Mutation field carries exactly
 * one; the authorization middleware refuses fields without one (default deny),
 * and a test enumerates the schema to prove none is missing.
 */
export type AuthorizationDeclaration =
  /** Callable without credentials (`signIn`, `serviceInfo`): the reason is reviewed in tests. */
  | { readonly kind: 'public'; readonly reason: string }
  /** Any authenticated caller, no policy (as IAM: `GetCallerIdentity`, `GetSessionToken`). */
  | { readonly kind: 'authenticated'; readonly reason: string }
  /** The root user only (account-level tasks, as in AWS); no policy can grant it. */
  | { readonly kind: 'root'; readonly reason: string }
  /** `action` allowed on every resource the checks name (one check for most fields). */
  | {
      readonly kind: 'policy';
      readonly action: string;
      /**
       * Reads the target before the decision when its ARN or condition keys live in
       * the target itself (a change request's risk, requester and grant). Runs only
       * for authenticated callers; its result is `scope.target`.
       */
      readonly load?: (
        args: Readonly<Record<string, unknown>>,
        services: GatewayServices,
      ) => Promise<unknown>;
      readonly checks: (
        args: Readonly<Record<string, unknown>>,
        scope: AuthorizationScope,
      ) => readonly PolicyCheck[];
    };

function declare(declaration: AuthorizationDeclaration): MethodDecorator {
  return Extensions({ [AUTHORIZATION_EXTENSION]: declaration });
}

/** The field needs no credentials. Say why. */
export function Public(reason: string): MethodDecorator {
  return declare({ kind: 'public', reason });
}

/** The field needs credentials but no permission (as in IAM). Say why. */
export function AuthenticatedOnly(reason: string): MethodDecorator {
  return declare({ kind: 'authenticated', reason });
}

/** Only the root user may call the field (account-level tasks). Say why. */
export function RootOnly(reason: string): MethodDecorator {
  return declare({ kind: 'root', reason });
}

/** Options of {@link Authorized}: the action's condition keys and resource policy. */
export interface AuthorizedOptions<TArgs> {
  readonly context?: (args: TArgs, scope: AuthorizationScope) => RequestContextInput;
  readonly resourcePolicy?: (
    args: TArgs,
    scope: AuthorizationScope,
  ) => ResourcePolicyInput | undefined;
}

/**
 * The field is allowed when the caller's policies allow `action` on the resource
 * `resource(args)` names (`iam:CreateUser` on the user to be created), evaluated by
 * `@gatehouse/policy` with the request context filled in. `TArgs` is the field's
 * GraphQL arguments, which the schema has already checked for shape.
 */
export function Authorized<TArgs>(
  action: string,
  resource: (args: TArgs, scope: AuthorizationScope) => string,
  options: AuthorizedOptions<TArgs> = {},
): MethodDecorator {
  return declare({
    kind: 'policy',
    action,
    checks: (args, scope) => {
      const typed = args as TArgs;
      const context = options.context?.(typed, scope);
      const resourcePolicy = options.resourcePolicy?.(typed, scope);
      return [
        {
          resource: resource(typed, scope),
          ...(context === undefined ? {} : { context }),
          ...(resourcePolicy === undefined ? {} : { resourcePolicy }),
        },
      ];
    },
  });
}

/** Like {@link Authorized}, for fields that touch several resources (batches): every one must be allowed. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- TArgs documents the field's arguments at the call site
export function AuthorizedEach<TArgs>(
  action: string,
  resources: (args: TArgs, scope: AuthorizationScope) => readonly string[],
): MethodDecorator {
  return declare({
    kind: 'policy',
    action,
    checks: (args, scope) =>
      [...new Set(resources(args as TArgs, scope))].map((resource) => ({ resource })),
  });
}

/** Options of {@link AuthorizedTarget}. */
export interface AuthorizedTargetOptions<TArgs, TTarget> {
  readonly context?: (
    args: TArgs,
    target: TTarget,
    scope: AuthorizationScope,
  ) => RequestContextInput;
  readonly resourcePolicy?: (
    args: TArgs,
    target: TTarget,
    scope: AuthorizationScope,
  ) => ResourcePolicyInput | undefined;
}

/**
 * Like {@link Authorized}, for targets whose ARN or condition keys must be read
 * first (`approveChangeRequest`: `approvals:RiskLevel` and `approvals:Requester`
 * come from the request). `load` must not reveal whether the target exists:
 * an unknown target is authorized at the ARN its id names, like IAM's names.
 */
export function AuthorizedTarget<TArgs, TTarget>(
  action: string,
  load: (args: TArgs, services: GatewayServices) => Promise<TTarget>,
  resource: (args: TArgs, target: TTarget, scope: AuthorizationScope) => string,
  options: AuthorizedTargetOptions<TArgs, TTarget> = {},
): MethodDecorator {
  return declare({
    kind: 'policy',
    action,
    load: (args, services) => load(args as TArgs, services),
    checks: (args, scope) => {
      const typed = args as TArgs;
      const target = scope.target as TTarget;
      const context = options.context?.(typed, target, scope);
      const resourcePolicy = options.resourcePolicy?.(typed, target, scope);
      return [
        {
          resource: resource(typed, target, scope),
          ...(context === undefined ? {} : { context }),
          ...(resourcePolicy === undefined ? {} : { resourcePolicy }),
        },
      ];
    },
  });
}
