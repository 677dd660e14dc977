import { decidePolicyUsage } from '../../managedPolicy/decide.js';
import type { PolicyUsage } from '../../managedPolicy/events.js';
import type { ManagedPolicyState } from '../../managedPolicy/evolve.js';
import {
  decideAttachPolicy,
  decideDeleteInlinePolicy,
  decideDeletePermissionsBoundary,
  decideDetachPolicy,
  decidePutInlinePolicy,
  decidePutPermissionsBoundary,
  decideTag,
  decideUntag,
  type PolicyHolder,
} from '../../principals/policyHolder/decide.js';
import type { HolderPrefix } from '../../principals/policyHolder/events.js';
import type {
  PolicyHolderState,
  PrincipalHolderState,
} from '../../principals/policyHolder/evolve.js';
import type { PolicyRef } from '../../shared/events.js';
import type { Tag } from '../../shared/tags.js';
import type { CommandTransaction, Loaded } from '../commandTransaction.js';
import type { HandlerEnv } from '../handlerEnv.js';
import { loadPolicy, loadPolicyById } from '../lookups.js';
import type { Empty, WithFindings } from '../results.js';

/**
 * How the shared handlers reach one kind of policy holder: the command field
 * that names it, how to load it by that name, and how it is a holder.
 */
export interface HolderAccess<NameField extends string, S, H extends PolicyHolderState> {
  /** `userName`, `groupName`, `roleName`. */
  readonly nameField: NameField;
  /** @throws IamError `NO_SUCH_ENTITY` */
  readonly load: (tx: CommandTransaction, name: string) => Promise<Loaded<S>>;
  readonly holder: (state: S) => PolicyHolder<HolderPrefix, string, H>;
}

/** A command naming its holder in `NameField`, plus its own parameters. */
type HolderCommand<NameField extends string, C> = Readonly<Record<NameField, string>> & C;

/** Which holder uses a managed policy (it may not exist yet: a boundary given at creation). */
export type HolderRef = Pick<PolicyHolder<HolderPrefix, string>, 'kind' | 'id'>;

/** The holder a command names, loaded for appending and seen as a holder. */
async function loadHolder<NameField extends string, S, H extends PolicyHolderState>(
  access: HolderAccess<NameField, S, H>,
  command: HolderCommand<NameField, object>,
  env: HandlerEnv,
): Promise<{ loaded: Loaded<S>; holder: PolicyHolder<HolderPrefix, string, H> }> {
  const loaded = await access.load(env.tx, command[access.nameField]);
  return { loaded, holder: access.holder(loaded.state) };
}

/** Loads a managed policy and records that `holder` now uses it as `usage`. */
async function usePolicy(
  env: HandlerEnv,
  policyArn: string,
  holder: HolderRef,
  usage: PolicyUsage,
): Promise<PolicyRef> {
  const policy = await loadPolicy(env.tx, policyArn, env.ctx.accountId);
  recordUsage(env, policy, 'attach', holder, usage);
  return { policyId: policy.state.policyId, policyArn: policy.state.arn };
}

/** Appends the managed policy's side of an attachment (`PolicyAttached`/`PolicyDetached`). */
function recordUsage(
  env: HandlerEnv,
  policy: Loaded<ManagedPolicyState>,
  change: 'attach' | 'detach',
  holder: HolderRef,
  usage: PolicyUsage,
): void {
  // The holder's event prefix is the managed policy's entity type (`User`, `Group`, `Role`).
  const events = decidePolicyUsage(policy.state, change, holder.kind.eventPrefix, holder.id, usage);
  env.tx.append(policy, events);
}

/** Loads a boundary policy and records the principal's use of it. */
export function useBoundary(
  env: HandlerEnv,
  policyArn: string,
  holder: HolderRef,
): Promise<PolicyRef> {
  return usePolicy(env, policyArn, holder, 'PermissionsBoundary');
}

/** Records that a principal no longer uses its boundary policy (nothing without one). */
export async function releaseBoundary(
  env: HandlerEnv,
  holder: PolicyHolder<HolderPrefix, string, PrincipalHolderState>,
): Promise<void> {
  const ref = holder.state.permissionsBoundary;
  if (ref === null) return;
  const policy = await loadPolicyById(env.tx, ref.policyId);
  recordUsage(env, policy, 'detach', holder, 'PermissionsBoundary');
}

/**
 * The handlers of the inline and managed policy commands of users, groups and
 * roles (`Put<X>Policy`, `Delete<X>Policy`, `Attach<X>Policy`, `Detach<X>Policy`).
 * Attachments are written on both sides in one transaction.
 */
export function policyHolderHandlers<NameField extends string, S, H extends PolicyHolderState>(
  access: HolderAccess<NameField, S, H>,
) {
  /** The holder and the managed policy an attach or detach command names. */
  const loadAttachment = async (
    command: HolderCommand<NameField, { policyArn: string }>,
    env: HandlerEnv,
  ) => {
    const { loaded, holder } = await loadHolder(access, command, env);
    const policy = await loadPolicy(env.tx, command.policyArn, env.ctx.accountId);
    const ref: PolicyRef = { policyId: policy.state.policyId, policyArn: policy.state.arn };
    return { loaded, holder, policy, ref };
  };
  return {
    putPolicy: async (
      command: HolderCommand<NameField, { policyName: string; policyDocument: string | object }>,
      env: HandlerEnv,
    ): Promise<WithFindings> => {
      const { loaded, holder } = await loadHolder(access, command, env);
      const decision = decidePutInlinePolicy(
        holder,
        command.policyName,
        command.policyDocument,
        env.ctx,
      );
      env.tx.append(loaded, decision.events);
      return { findings: decision.document.warnings };
    },

    deletePolicy: async (
      command: HolderCommand<NameField, { policyName: string }>,
      env: HandlerEnv,
    ): Promise<Empty> => {
      const { loaded, holder } = await loadHolder(access, command, env);
      env.tx.append(loaded, decideDeleteInlinePolicy(holder, command.policyName));
      return {};
    },

    attachPolicy: async (
      command: HolderCommand<NameField, { policyArn: string }>,
      env: HandlerEnv,
    ): Promise<Empty> => {
      const { loaded, holder, policy, ref } = await loadAttachment(command, env);
      const events = decideAttachPolicy(holder, ref, env.ctx);
      if (events.length === 0) return {};
      recordUsage(env, policy, 'attach', holder, 'PermissionsPolicy');
      env.tx.append(loaded, events);
      return {};
    },

    detachPolicy: async (
      command: HolderCommand<NameField, { policyArn: string }>,
      env: HandlerEnv,
    ): Promise<Empty> => {
      const { loaded, holder, policy, ref } = await loadAttachment(command, env);
      env.tx.append(loaded, decideDetachPolicy(holder, ref));
      recordUsage(env, policy, 'detach', holder, 'PermissionsPolicy');
      return {};
    },
  };
}

/**
 * {@link policyHolderHandlers} plus the permissions boundary and tag commands
 * of users and roles (`Put<X>PermissionsBoundary`, `Delete<X>PermissionsBoundary`,
 * `Tag<X>`, `Untag<X>`). A boundary's use is recorded on its managed policy.
 */
export function principalHolderHandlers<
  NameField extends string,
  S,
  H extends PrincipalHolderState,
>(access: HolderAccess<NameField, S, H>) {
  return {
    ...policyHolderHandlers(access),

    tag: async (
      command: HolderCommand<NameField, { tags: readonly Tag[] }>,
      env: HandlerEnv,
    ): Promise<Empty> => {
      const { loaded, holder } = await loadHolder(access, command, env);
      env.tx.append(loaded, decideTag(holder, command.tags));
      return {};
    },

    untag: async (
      command: HolderCommand<NameField, { tagKeys: readonly string[] }>,
      env: HandlerEnv,
    ): Promise<Empty> => {
      const { loaded, holder } = await loadHolder(access, command, env);
      env.tx.append(loaded, decideUntag(holder, command.tagKeys));
      return {};
    },

    putBoundary: async (
      command: HolderCommand<NameField, { permissionsBoundary: string }>,
      env: HandlerEnv,
    ): Promise<Empty> => {
      const { loaded, holder } = await loadHolder(access, command, env);
      const previous = holder.state.permissionsBoundary;
      const policy = await loadPolicy(env.tx, command.permissionsBoundary, env.ctx.accountId);
      if (previous?.policyId === policy.state.policyId) return {};
      const ref = await useBoundary(env, command.permissionsBoundary, holder);
      await releaseBoundary(env, holder);
      env.tx.append(loaded, decidePutPermissionsBoundary(holder, ref));
      return {};
    },

    deleteBoundary: async (
      command: HolderCommand<NameField, object>,
      env: HandlerEnv,
    ): Promise<Empty> => {
      const { loaded, holder } = await loadHolder(access, command, env);
      const events = decideDeletePermissionsBoundary(holder);
      await releaseBoundary(env, holder);
      env.tx.append(loaded, events);
      return {};
    },
  };
}
