import { closestMatch, didYouMean } from '../document/suggest.js';

/** The families of condition operators; the family decides how values are parsed and compared. */
export type OperatorFamily =
  'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

/** How a request value is compared with a policy value. */
export type Comparison =
  | 'equals'
  | 'equalsIgnoreCase'
  | 'like'
  | 'lessThan'
  | 'lessThanEquals'
  | 'greaterThan'
  | 'greaterThanEquals'
  | 'inRange'
  | 'exists';

interface BaseOperator {
  readonly family: OperatorFamily;
  readonly comparison: Comparison;
  /** Negated operators are the negation of their positive counterpart, value by value. */
  readonly negated: boolean;
}

const op = (family: OperatorFamily, comparison: Comparison, negated = false): BaseOperator => ({
  family,
  comparison,
  negated,
});

/**
 * Every base condition operator of IAM (reference_policies_elements_condition_operators).
 * ArnEquals and ArnLike behave identically, as AWS documents.
 */
export const BASE_OPERATORS = {
  StringEquals: op('String', 'equals'),
  StringNotEquals: op('String', 'equals', true),
  StringEqualsIgnoreCase: op('String', 'equalsIgnoreCase'),
  StringNotEqualsIgnoreCase: op('String', 'equalsIgnoreCase', true),
  StringLike: op('String', 'like'),
  StringNotLike: op('String', 'like', true),
  NumericEquals: op('Numeric', 'equals'),
  NumericNotEquals: op('Numeric', 'equals', true),
  NumericLessThan: op('Numeric', 'lessThan'),
  NumericLessThanEquals: op('Numeric', 'lessThanEquals'),
  NumericGreaterThan: op('Numeric', 'greaterThan'),
  NumericGreaterThanEquals: op('Numeric', 'greaterThanEquals'),
  DateEquals: op('Date', 'equals'),
  DateNotEquals: op('Date', 'equals', true),
  DateLessThan: op('Date', 'lessThan'),
  DateLessThanEquals: op('Date', 'lessThanEquals'),
  DateGreaterThan: op('Date', 'greaterThan'),
  DateGreaterThanEquals: op('Date', 'greaterThanEquals'),
  Bool: op('Bool', 'equals'),
  BinaryEquals: op('Binary', 'equals'),
  IpAddress: op('IpAddress', 'inRange'),
  NotIpAddress: op('IpAddress', 'inRange', true),
  ArnEquals: op('Arn', 'like'),
  ArnLike: op('Arn', 'like'),
  ArnNotEquals: op('Arn', 'like', true),
  ArnNotLike: op('Arn', 'like', true),
  Null: op('Null', 'exists'),
} as const satisfies Record<string, BaseOperator>;

/** The name of a base operator, without qualifier or `IfExists`. */
export type BaseOperatorName = keyof typeof BASE_OPERATORS;

/** `ForAllValues:` or `ForAnyValue:`, which compare every value of a multivalued key. */
export type SetQualifier = 'ForAllValues' | 'ForAnyValue';

/** A parsed condition operator such as `ForAnyValue:StringLikeIfExists`. */
export interface ConditionOperator {
  readonly name: string;
  readonly base: BaseOperatorName;
  readonly family: OperatorFamily;
  readonly comparison: Comparison;
  readonly negated: boolean;
  readonly ifExists: boolean;
  readonly qualifier: SetQualifier | undefined;
}

/** Why a name is not a condition operator. */
export interface OperatorProblem {
  readonly reason: 'unknown' | 'if-exists-on-null' | 'qualifier-on-null';
  readonly message: string;
  readonly help: string | undefined;
}

const BASE_NAMES = Object.keys(BASE_OPERATORS) as BaseOperatorName[];

/** Every valid operator name, for "did you mean" help. */
const ALL_OPERATOR_NAMES: readonly string[] = BASE_NAMES.flatMap((base) => {
  const names = base === 'Null' ? [base] : [base, `${base}IfExists`];
  return base === 'Null'
    ? names
    : [...names, ...names.map((n) => `ForAllValues:${n}`), ...names.map((n) => `ForAnyValue:${n}`)];
});

function isBaseOperatorName(name: string): name is BaseOperatorName {
  return Object.hasOwn(BASE_OPERATORS, name);
}

/** Parses an operator name; names are case-sensitive, as in IAM's grammar. */
export function parseConditionOperator(
  name: string,
): { ok: true; operator: ConditionOperator } | { ok: false; problem: OperatorProblem } {
  let rest = name;
  let qualifier: SetQualifier | undefined;
  if (rest.startsWith('ForAllValues:')) {
    qualifier = 'ForAllValues';
    rest = rest.slice('ForAllValues:'.length);
  } else if (rest.startsWith('ForAnyValue:')) {
    qualifier = 'ForAnyValue';
    rest = rest.slice('ForAnyValue:'.length);
  }
  let ifExists = false;
  if (rest.endsWith('IfExists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  if (!isBaseOperatorName(rest)) {
    return {
      ok: false,
      problem: {
        reason: 'unknown',
        message: `unknown condition operator \`${name}\``,
        help: didYouMean(closestMatch(name, ALL_OPERATOR_NAMES)),
      },
    };
  }
  if (rest === 'Null' && ifExists) {
    return {
      ok: false,
      problem: {
        reason: 'if-exists-on-null',
        message: `\`${name}\` is not an operator: \`IfExists\` cannot be added to \`Null\``,
        help: '`Null` already tests whether the key exists; use `Null` alone',
      },
    };
  }
  if (rest === 'Null' && qualifier !== undefined) {
    return {
      ok: false,
      problem: {
        reason: 'qualifier-on-null',
        message: `\`${name}\` is not an operator: \`${qualifier}:\` cannot qualify \`Null\``,
        help: 'use `Null` alone',
      },
    };
  }
  const base = BASE_OPERATORS[rest];
  return {
    ok: true,
    operator: {
      name,
      base: rest,
      family: base.family,
      comparison: base.comparison,
      negated: base.negated,
      ifExists,
      qualifier,
    },
  };
}

/**
 * Whether policy variables are substituted in this family's values. AWS documents variables for
 * String and ARN operators and for Bool (the operators page says Bool supports them; the variables
 * page omits it, and we follow the operators page). Elsewhere `${...}` is literal text.
 */
export function familySupportsVariables(family: OperatorFamily): boolean {
  return family === 'String' || family === 'Arn' || family === 'Bool';
}
