import type { Catalogue } from '../catalogue/catalogue.js';
import type { NodeBase, PolicyAst, StatementNode } from '../document/policyAst.js';
import type { PolicyKind, SizeClass } from '../document/policyKind.js';
import type { FindingCode } from '../finding.js';

/** What a rule sees of the policy being validated, and how it reports. */
export interface RuleContext {
  readonly policy: PolicyAst;
  readonly statements: readonly StatementNode[];
  readonly kind: PolicyKind;
  /** Whether `${...}` is a policy variable here (Version 2012-10-17). */
  readonly variablesEnabled: boolean;
  /** Characters not counting whitespace between JSON tokens. */
  readonly size: number;
  /** The size quota that applies, if any, and the class it comes from. */
  readonly sizeLimit:
    { readonly limit: number; readonly sizeClass: SizeClass | undefined } | undefined;
  /** The catalogue of services to check actions and condition keys against, when given. */
  readonly catalogue: Catalogue | undefined;
  readonly report: (code: FindingCode, message: string, node: NodeBase, help?: string) => void;
}

/** One validation check; one rule per file, each reporting a small set of codes. */
export interface ValidationRule {
  readonly name: string;
  /** The codes this rule may report, for the README table and the rule tests. */
  readonly codes: readonly FindingCode[];
  check(context: RuleContext): void;
}

/** The name of a policy kind as used in messages: "an identity-based policy". */
export function describeKind(kind: PolicyKind): string {
  switch (kind) {
    case 'identity':
      return 'an identity-based policy';
    case 'resource':
      return 'a resource-based policy';
    case 'trust':
      return 'a role trust policy';
    case 'boundary':
      return 'a permissions boundary';
    case 'guardrail':
      return 'a guardrail policy';
  }
}

/** "statement 2" or "statement `ReadOnly`" (by Sid when it has one), for messages. */
export function describeStatement(statement: StatementNode): string {
  return statement.sid === undefined
    ? `statement ${statement.index}`
    : `statement ${statement.index} (\`${statement.sid.value}\`)`;
}
