import { createHash } from 'node:crypto';
import { DEFAULT_RULES_SOURCE } from '../rules/defaultRules.js';
import { parseApprovalRules } from '../rules/parseApprovalRules.js';
import { formatRuleFileError } from '../rules/ruleFileError.js';
import type { ApprovalRuleSet } from '../rules/types.js';
import type { DomainEvent } from '../request/events.js';
import { WorkflowError } from '../shared/workflowError.js';

/** A new version of the approval rules (the file's text is kept: the log says exactly what was in force). */
export type ApprovalRulesPublished = DomainEvent<
  'ApprovalRulesPublished',
  {
    readonly version: number;
    /** Hex SHA-256 of the source text. */
    readonly digest: string;
    readonly fileName: string;
    readonly format: 'yaml' | 'json';
    readonly source: string;
    readonly ruleSet: ApprovalRuleSet;
    readonly publishedAt: string;
  }
>;

/** Every event of the rules stream. */
export type RuleSetEvent = ApprovalRulesPublished;

/** The rules in force. Version 0 is the built-in default (nothing published yet). */
export interface RuleSetState {
  readonly version: number;
  readonly digest: string;
  readonly fileName: string;
  readonly ruleSet: ApprovalRuleSet;
}

function parseDefault(): ApprovalRuleSet {
  const parsed = parseApprovalRules(DEFAULT_RULES_SOURCE);
  if (!parsed.ok) throw new Error('the built-in default rules do not parse');
  return parsed.ruleSet;
}

/** The built-in rules (one permitted reviewer) until a file is published. */
export const INITIAL_RULE_SET_STATE: RuleSetState = {
  version: 0,
  digest: createHash('sha256').update(DEFAULT_RULES_SOURCE).digest('hex'),
  fileName: '(built-in default)',
  ruleSet: parseDefault(),
};

/** Folds one event. */
export function evolveRuleSet(_state: RuleSetState, event: RuleSetEvent): RuleSetState {
  return {
    version: event.data.version,
    digest: event.data.digest,
    fileName: event.data.fileName,
    ruleSet: event.data.ruleSet,
  };
}

/** Folds the stream. */
export function foldRuleSet(events: readonly RuleSetEvent[]): RuleSetState {
  return events.reduce(evolveRuleSet, INITIAL_RULE_SET_STATE);
}

/**
 * Publishes a rules file as the next version, after validating it. The same
 * text as the version in force publishes nothing (idempotent).
 * @throws WorkflowError `INVALID_RULES` with `details.errors` (located) and `details.formatted`
 */
export function decidePublishRules(
  state: RuleSetState,
  input: {
    readonly source: string;
    readonly fileName: string;
    readonly format: 'yaml' | 'json';
    readonly now: Date;
    readonly maxBytes: number;
  },
): RuleSetEvent[] {
  const parsed = parseApprovalRules(input.source, {
    format: input.format,
    maxBytes: input.maxBytes,
  });
  if (!parsed.ok) {
    const formatted = parsed.errors.map((error) => formatRuleFileError(input.fileName, error));
    throw new WorkflowError(
      'INVALID_RULES',
      `the approval rules do not validate: ${formatted[0] ?? 'invalid'}${parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : ''}`,
      { details: { errors: parsed.errors, formatted } },
    );
  }
  const digest = createHash('sha256').update(input.source).digest('hex');
  if (digest === state.digest && state.version > 0) return [];
  return [
    {
      type: 'ApprovalRulesPublished',
      data: {
        version: state.version + 1,
        digest,
        fileName: input.fileName,
        format: input.format,
        source: input.source,
        ruleSet: parsed.ruleSet,
        publishedAt: input.now.toISOString(),
      },
    },
  ];
}
