import type { SourceLocation } from './location.js';

/**
 * The syntax tree of a policy document. Every node keeps where it came from: `loc` (line and
 * column in the text) and `path` (a JSON pointer). Locations are left out when comparing trees
 * structurally (see `stripLocations`), so that `parsePolicy(printPolicy(p))` equals `p`.
 *
 * The tree is tolerant: an element of the wrong JSON type is reported as a finding, left out of
 * the tree, and its name recorded in `malformed`, so that later phases neither crash on it nor
 * report it a second time as missing.
 */
export interface NodeBase {
  readonly loc: SourceLocation;
  readonly path: string;
}

/** A string value in the document. */
export interface StringNode extends NodeBase {
  readonly value: string;
}

/** An element written either as one string or as an array of strings (`Action`, `Resource`...). */
export interface StringListNode extends NodeBase {
  readonly form: 'string' | 'array';
  readonly items: readonly StringNode[];
}

/** Names of the top-level elements of a policy. */
export type PolicyElementName = 'Version' | 'Id' | 'Statement';

/** Names of the elements of a statement. */
export type StatementElementName =
  | 'Sid'
  | 'Effect'
  | 'Principal'
  | 'NotPrincipal'
  | 'Action'
  | 'NotAction'
  | 'Resource'
  | 'NotResource'
  | 'Condition';

/** A whole policy document. */
export interface PolicyAst extends NodeBase {
  readonly version?: StringNode;
  readonly id?: StringNode;
  readonly statement?: StatementListNode;
  /** Top-level elements present but of the wrong type. */
  readonly malformed: readonly PolicyElementName[];
}

/** The `Statement` element: one statement object or an array of them. */
export interface StatementListNode extends NodeBase {
  readonly form: 'object' | 'array';
  /** The statements that are objects; entries of other types are reported and left out. */
  readonly items: readonly StatementNode[];
}

/** One statement. */
export interface StatementNode extends NodeBase {
  /** Position in the `Statement` array (0 when `Statement` is a single object). */
  readonly index: number;
  readonly sid?: StringNode;
  readonly effect?: StringNode;
  readonly principal?: PrincipalNode;
  readonly notPrincipal?: PrincipalNode;
  readonly action?: StringListNode;
  readonly notAction?: StringListNode;
  readonly resource?: StringListNode;
  readonly notResource?: StringListNode;
  readonly condition?: ConditionNode;
  /** Elements present but of the wrong type, or containing values of the wrong type. */
  readonly malformed: readonly StatementElementName[];
}

/** `Principal` or `NotPrincipal`: the string `"*"` (or another, invalid, string) or a map. */
export type PrincipalNode = PrincipalStringNode | PrincipalMapNode;

/** A principal written as a bare string; only `"*"` is valid. */
export interface PrincipalStringNode extends NodeBase {
  readonly form: 'string';
  readonly value: StringNode;
}

/** A principal written as `{ "AWS": ..., "Service": ... }`. */
export interface PrincipalMapNode extends NodeBase {
  readonly form: 'map';
  readonly entries: readonly PrincipalEntryNode[];
}

/** One `"AWS": [...]` entry of a principal map; `type` is located at the key. */
export interface PrincipalEntryNode extends NodeBase {
  readonly type: StringNode;
  readonly values: StringListNode;
}

/** The `Condition` element: operators, each with keys, each with values. */
export interface ConditionNode extends NodeBase {
  readonly operators: readonly ConditionOperatorNode[];
}

/** `"StringEquals": { ... }`; `operator` is located at the key. */
export interface ConditionOperatorNode extends NodeBase {
  readonly operator: StringNode;
  readonly entries: readonly ConditionEntryNode[];
}

/** `"aws:username": values`; `key` is located at the key. */
export interface ConditionEntryNode extends NodeBase {
  readonly key: StringNode;
  readonly values: ConditionValuesNode;
}

/** The values of a condition key, written as one scalar or an array. */
export interface ConditionValuesNode extends NodeBase {
  readonly form: 'scalar' | 'array';
  readonly items: readonly ConditionValueNode[];
}

/**
 * One condition value. IAM accepts JSON strings, numbers and booleans here; `text` is the string,
 * the number's source text or `true`/`false`, and `type` remembers which so printing is exact.
 */
export interface ConditionValueNode extends NodeBase {
  readonly type: 'string' | 'number' | 'boolean';
  readonly text: string;
}
