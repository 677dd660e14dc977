/**
 * A service as the catalogue knows it, in the shape of AWS's Service Authorization Reference:
 * its action prefix, actions with access levels, resource types with ARN templates, and the
 * condition keys it defines. Plain JSON data, so teams can register their own systems.
 */
export interface ServiceDefinition {
  /** The action prefix, lowercase: `iam`, `approvals`, `billing-exports`. */
  readonly prefix: string;
  /** A human-readable name. */
  readonly name: string;
  readonly actions: readonly ActionDefinition[];
  readonly resourceTypes: readonly ResourceTypeDefinition[];
  /** Condition keys the service defines (global `aws:` keys are known to every catalogue). */
  readonly conditionKeys: readonly ConditionKeyDefinition[];
}

/** AWS's access levels, used for risk: `Permissions management` is the most sensitive. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Tagging' | 'Permissions management';

/** Every access level. */
export const ACCESS_LEVELS: readonly AccessLevel[] = [
  'List',
  'Read',
  'Write',
  'Tagging',
  'Permissions management',
];

/** One action of a service. */
export interface ActionDefinition {
  /** The name without prefix, in its canonical case: `CreateUser`. */
  readonly name: string;
  readonly accessLevel: AccessLevel;
  /**
   * The resource types the action can be scoped to; empty when it supports only `*`. A trailing
   * `*` in AWS's tables (a required resource type) is kept as `required`.
   */
  readonly resourceTypes: readonly ActionResourceType[];
  /** Condition keys the action supports besides those of its resource types. */
  readonly conditionKeys: readonly string[];
}

/** A resource type an action applies to. */
export interface ActionResourceType {
  readonly name: string;
  readonly required: boolean;
}

/** A resource type: its name and ARN template (`arn:${Partition}:iam::${Account}:user/${UserNameWithPath}`). */
export interface ResourceTypeDefinition {
  readonly name: string;
  readonly arn: string;
  /** Condition keys that apply to actions on this resource type. */
  readonly conditionKeys: readonly string[];
}

/** The value types of condition keys, as AWS names them. */
export type ConditionKeyType =
  | 'String'
  | 'ARN'
  | 'Bool'
  | 'Date'
  | 'Numeric'
  | 'IPAddress'
  | 'Binary'
  | 'ArrayOfString'
  | 'ArrayOfARN'
  | 'ArrayOfBool'
  | 'ArrayOfDate'
  | 'ArrayOfNumeric';

/** A condition key; `${TagKey}`-style parts match any text. */
export interface ConditionKeyDefinition {
  readonly key: string;
  readonly type: ConditionKeyType;
}
