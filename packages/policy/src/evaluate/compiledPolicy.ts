import { parsePolicy } from '../document/parsePolicy.js';
import type { Finding } from '../finding.js';
import { actionMatches, compileStatement, type CompiledStatement } from './compileStatement.js';

/** The policy-language versions IAM knows; only the current one has policy variables. */
const CURRENT_VERSION = '2012-10-17';
const OLD_VERSION = '2008-10-17';

/** Bound on remembered action lookups per policy, so unusual request streams cannot grow it. */
const MAX_REMEMBERED_ACTIONS = 4096;

/**
 * A policy compiled for evaluation: its statements as matchers, and an index from action to the
 * statements that can apply to it, filled as actions are seen.
 */
export class CompiledPolicy {
  readonly #byAction = new Map<string, readonly CompiledStatement[]>();
  readonly #candidates: readonly CompiledStatement[];

  constructor(
    /** Every statement that could be compiled, in document order. */
    readonly statements: readonly CompiledStatement[],
    /**
     * Whether the policy's Allow statements may grant. False when the document failed to parse
     * or has any element that could not be understood: a policy that does not validate must
     * never grant. Its Deny statements still apply.
     */
    readonly grants: boolean,
    /** Findings of parsing (structure only; call `validatePolicy` for the full set). */
    readonly findings: readonly Finding[],
  ) {
    this.#candidates = grants ? statements : statements.filter((s) => s.effect === 'Deny');
  }

  /** The statements whose Action/NotAction covers the lowercased action. */
  statementsFor(actionLower: string): readonly CompiledStatement[] {
    const known = this.#byAction.get(actionLower);
    if (known !== undefined) return known;
    const found = this.#candidates.filter((s) => actionMatches(s.actions, actionLower));
    if (this.#byAction.size >= MAX_REMEMBERED_ACTIONS) this.#byAction.clear();
    this.#byAction.set(actionLower, found);
    return found;
  }
}

/** Parses and compiles a document, without caching (see `compilePolicy` for the cached entry). */
export function compileDocument(document: string | object): CompiledPolicy {
  const parsed = parsePolicy(document);
  if (!parsed.ok) return new CompiledPolicy([], false, parsed.findings);
  const policy = parsed.policy;
  const version = policy.version?.value;
  const statements = (policy.statement?.items ?? []).map((node) =>
    compileStatement(node, version === CURRENT_VERSION),
  );
  const understood =
    parsed.findings.every((finding) => finding.severity !== 'ERROR') &&
    (version === undefined || version === CURRENT_VERSION || version === OLD_VERSION) &&
    statements.every((statement) => statement.valid);
  return new CompiledPolicy(statements, understood, parsed.findings);
}
