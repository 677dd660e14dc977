import type { Catalogue } from '../catalogue/catalogue.js';
import { parsePolicy, type ParseOptions, type ParseSuccess } from '../document/parsePolicy.js';
import {
  POLICY_KINDS,
  SIZE_LIMITS,
  defaultSizeClass,
  type PolicyKind,
  type SizeClass,
} from '../document/policyKind.js';
import { compareFindings, makeFinding, type Finding } from '../finding.js';
import { VALIDATION_RULES } from './rules/index.js';
import type { RuleContext } from './validationRule.js';

/** What to validate a document as. */
export interface ValidateOptions {
  readonly kind: PolicyKind;
  /**
   * Which IAM size quota applies: `managed` (default for identity policies and boundaries),
   * `inline-user`, `inline-group`, `inline-role`, `trust` (default for trust policies) or
   * `guardrail` (default for guardrails). Resource-based policies have no default quota.
   */
  readonly sizeClass?: SizeClass | undefined;
  /** An explicit quota in characters (not counting whitespace); overrides `sizeClass`. */
  readonly sizeLimit?: number | undefined;
  /** Input bounds of the parser. */
  readonly parse?: ParseOptions | undefined;
  /**
   * A catalogue of services: with one, unknown service prefixes, actions and condition keys
   * are reported (`UNKNOWN_SERVICE_PREFIX`, `UNKNOWN_ACTION`, `UNKNOWN_CONDITION_KEY_FOR_ACTION`).
   */
  readonly catalogue?: Catalogue | undefined;
}

/**
 * Validates a policy document as IAM's policy grammar and Access Analyzer's checks see it.
 * Returns findings sorted by position in the text; never throws.
 */
export function validatePolicy(document: string | object, options: ValidateOptions): Finding[] {
  try {
    return validate(document, options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [
      makeFinding('INTERNAL_ERROR', `validation failed unexpectedly: ${reason}`, { path: '' }),
    ];
  }
}

function validate(document: string | object, options: ValidateOptions): Finding[] {
  const parsed = parsePolicy(document, options.parse ?? {});
  if (!parsed.ok) return [...parsed.findings].sort(compareFindings);
  const findings: Finding[] = [...parsed.findings];
  const context = createRuleContext(parsed, options, findings);
  for (const rule of VALIDATION_RULES) rule.check(context);
  return findings.sort(compareFindings);
}

/** The context rules run in; their findings are appended to `sink`. */
export function createRuleContext(
  parsed: ParseSuccess,
  options: ValidateOptions,
  sink: Finding[],
): RuleContext {
  const kind: PolicyKind = POLICY_KINDS.includes(options.kind) ? options.kind : 'identity';
  const sizeClass = options.sizeClass ?? defaultSizeClass(kind);
  const limit = options.sizeLimit ?? (sizeClass === undefined ? undefined : SIZE_LIMITS[sizeClass]);
  return {
    policy: parsed.policy,
    statements: parsed.policy.statement?.items ?? [],
    kind,
    variablesEnabled: parsed.policy.version?.value === '2012-10-17',
    size: parsed.size,
    sizeLimit:
      limit === undefined
        ? undefined
        : { limit, sizeClass: options.sizeLimit === undefined ? sizeClass : undefined },
    catalogue: options.catalogue,
    report: (code, message, node, help) => {
      sink.push(makeFinding(code, message, node, help));
    },
  };
}
