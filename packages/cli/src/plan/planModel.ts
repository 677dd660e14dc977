import type { AccountChange } from '@gatehouse/policy';
import type { MutationName } from './mutations.js';

/** What happens to an entity. */
export type ChangeAction = 'create' | 'update' | 'delete';

/** An entity's address in a plan: `user/alice`, `group/dev`, `role/deployer`, `policy/ReadOnly`, `approval-rules`. */
export type Address = string;

/** The least-privilege result of one operation, as computed locally with @gatehouse/policy. */
export interface OperationAnalysis {
  readonly verdict: 'AUTO_APPLY' | 'REQUIRE_APPROVAL' | 'BLOCK';
  readonly risk: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  readonly findings: readonly {
    readonly code: string;
    readonly risk: string;
    readonly message: string;
    readonly principal?: string | undefined;
  }[];
  /** The exact new access: who may newly do which action on which resource. */
  readonly newAccess: readonly {
    readonly principal?: string | undefined;
    readonly action: string;
    readonly resource: string;
    readonly conditional: boolean;
  }[];
  readonly truncated: boolean;
}

/** One gateway mutation of a plan. */
export interface PlannedOperation {
  /** Unique within the plan, stable for the same difference (`user/alice:attach:<arn>`). */
  readonly id: string;
  readonly address: Address;
  readonly action: ChangeAction;
  readonly mutation: MutationName;
  readonly variables: Readonly<Record<string, unknown>>;
  /** What it does, for people (`attach policy \`ReadOnly\``). */
  readonly description: string;
  /** Operations run phase by phase (creations first, deletions last). */
  readonly phase: number;
  /** Operations that must have been applied first (creations of what this one refers to). */
  readonly dependsOn: readonly string[];
  /** The operation as @gatehouse/policy's account changes (empty when it changes no permission). */
  readonly accountChanges: readonly AccountChange[];
  /** Gateway error codes that mean "already done" for this operation (`NOT_FOUND` for cleanups). */
  readonly tolerate?: readonly string[] | undefined;
  /** Set by the analysis. */
  readonly analysis?: OperationAnalysis | undefined;
}

/** A field's change, for the readable diff. */
export interface FieldChange {
  readonly field: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** An entity's change: what differs and the operations that make it so. */
export interface ResourceChange {
  readonly address: Address;
  readonly action: ChangeAction;
  readonly fields: readonly FieldChange[];
  readonly operations: readonly string[];
}

/** The difference between a repository and the live account. */
export interface PlanDiff {
  readonly changes: readonly ResourceChange[];
  /** In the order `apply` runs them. */
  readonly operations: readonly PlannedOperation[];
  /** Differences that cannot be applied (IAM cannot change them in place) and other notes. */
  readonly warnings: readonly string[];
  /** Problems that make the plan unusable (a reference to a policy the plan deletes...). */
  readonly errors: readonly string[];
}
