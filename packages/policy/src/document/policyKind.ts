/**
 * What a policy is for, which decides what its grammar allows: identity-based policies (attached
 * to users, groups and roles, also used as session policies), resource-based policies, role
 * trust policies, permissions boundaries and organisation guardrails (like SCPs).
 */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'boundary' | 'guardrail';

/** Every policy kind. */
export const POLICY_KINDS: readonly PolicyKind[] = [
  'identity',
  'resource',
  'trust',
  'boundary',
  'guardrail',
];

/**
 * IAM's size quotas, in characters not counting whitespace. Inline quotas are AWS's aggregate
 * limits for all inline policies of one identity; checking one document against them is the
 * per-document part of that limit.
 */
export const SIZE_LIMITS = {
  managed: 6144,
  'inline-user': 2048,
  'inline-group': 5120,
  'inline-role': 10240,
  /** Role trust policy default (AWS allows raising it to 4,096 on request). */
  trust: 2048,
  /** Organizations service control policy. */
  guardrail: 5120,
} as const;

/** A size class: which quota a document is measured against. */
export type SizeClass = keyof typeof SIZE_LIMITS;

/**
 * The quota a kind is measured against when no size class is given: managed-policy size for
 * identity policies and boundaries. Resource-based policies have service-specific limits (S3
 * 20 KB, KMS 32 KB...), so none applies by default.
 */
export function defaultSizeClass(kind: PolicyKind): SizeClass | undefined {
  switch (kind) {
    case 'identity':
    case 'boundary':
      return 'managed';
    case 'trust':
      return 'trust';
    case 'guardrail':
      return 'guardrail';
    case 'resource':
      return undefined;
  }
}
