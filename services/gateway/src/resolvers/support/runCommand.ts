import {
  ANONYMOUS_ACTOR,
  isIamError,
  type CommandContext,
  type CommandOf,
  type CommandOutcome,
  type CommandType,
  type IamCommand,
  type Principal,
} from '@gatehouse/iam';
import type { GatewayContext } from '../../context/gatewayContext.js';
import { GatewayError } from '../../errors/gatewayError.js';
import { type PermissionChangingCommandType } from '../../leastPrivilege/accountChanges.js';
import {
  changeAnalysisOf,
  ChangeStatus,
  type PermissionChange,
} from '../../schema/types/analysisTypes.js';

/** The authenticated caller (the authorization middleware has already required one). */
export function principalOf(context: GatewayContext): Principal {
  if (context.principal === undefined) {
    throw new GatewayError('UNAUTHENTICATED', 'authentication is required');
  }
  return context.principal;
}

/** The audit context of a command: who, which request, from where. */
export function commandContextOf(context: GatewayContext): CommandContext {
  return {
    actor: context.principal ?? ANONYMOUS_ACTOR,
    correlationId: context.request.requestId,
    sourceIp: context.request.sourceIp,
    userAgent: context.request.userAgent,
    requestContext: { 'aws:SecureTransport': context.request.secureTransport },
  };
}

/**
 * Runs a command in the domain as the caller. `renamed` maps command fields to
 * the GraphQL arguments they came from when the names differ
 * (`virtualMFADeviceName` -> `virtualMfaDeviceName`), so bad-input errors name
 * what the client sent.
 */
export async function runCommand<T extends CommandType>(
  context: GatewayContext,
  command: CommandOf<T> & { readonly type: T },
  renamed: Readonly<Record<string, string>> = {},
): Promise<CommandOutcome<T>> {
  try {
    // The command's `type` determines its outcome; TypeScript cannot pick the
    // generic overload through another generic, so the link is restated here.
    const outcome = await context.services.iam.execute(
      command as IamCommand,
      commandContextOf(context),
    );
    return outcome as CommandOutcome<T>;
  } catch (error) {
    if (!isIamError(error, 'INVALID_INPUT') || Object.keys(renamed).length === 0) throw error;
    let message = error.message;
    for (const [from, to] of Object.entries(renamed))
      message = message.replaceAll(`\`${from}\``, `\`${to}\``);
    const issues = Array.isArray(error.details.issues)
      ? (error.details.issues as { path: string; message: string }[])
      : [];
    throw new GatewayError('BAD_USER_INPUT', message, {
      details: {
        reason: 'INVALID_INPUT',
        issues: issues.map((issue) => ({ ...issue, path: renamed[issue.path] ?? issue.path })),
      },
      cause: error,
    });
  }
}

/**
 * Runs a permission-changing command through the least-privilege gate: applied
 * now (its outcome presented by `present`), submitted for approval (`present(null)`),
 * or refused (`FORBIDDEN` with the findings). The analysis is in every payload.
 */
export async function changePermissions<T extends PermissionChangingCommandType, R extends object>(
  context: GatewayContext,
  command: CommandOf<T> & { readonly type: T },
  present: (outcome: CommandOutcome<T> | null) => R,
): Promise<PermissionChange & R> {
  const principal = principalOf(context);
  const { changes, logger } = context.services;
  const decision = await changes.review(command, principal, context.request);
  const analysis = changeAnalysisOf(decision.analysis);
  if (decision.kind === 'pending') {
    return {
      status: ChangeStatus.PENDING_APPROVAL,
      changeRequestId: decision.changeRequestId,
      analysis,
      checkpoint: null,
      ...present(null),
    };
  }
  const outcome = await runCommand<T>(context, command);
  if (decision.approvalBypassed) {
    const warning = `the root user applied a change that requires approval (risk ${decision.analysis.risk}); use an IAM user or role and the approval workflow for everyday changes`;
    context.warnings.add(warning);
    logger.warn(
      { requestId: context.request.requestId, command: command.type, risk: decision.analysis.risk },
      'root applied a change that requires approval',
    );
  }
  return {
    status: ChangeStatus.APPLIED,
    changeRequestId: null,
    analysis,
    checkpoint: outcome.checkpoint,
    ...present(outcome),
  };
}
