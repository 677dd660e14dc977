import type {
  ConditionNode,
  ConditionValuesNode,
  PolicyAst,
  PrincipalNode,
  StatementNode,
  StringListNode,
} from './policyAst.js';

/** A JSON value to print; `raw` is a number kept as its source text. */
type Printable =
  | { readonly kind: 'object'; readonly members: readonly (readonly [string, Printable])[] }
  | { readonly kind: 'array'; readonly items: readonly Printable[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'raw'; readonly text: string };

/**
 * Prints a policy tree as JSON with 2-space indentation, elements in the canonical order
 * (Version, Id, Statement; Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource,
 * NotResource, Condition). Single-string and array forms, a single statement object, and the
 * JSON types of condition values are kept, so that parsing the output gives back the same tree.
 * Elements left out of the tree as malformed are not printed.
 */
export function printPolicy(policy: PolicyAst): string {
  return render(policyValue(policy), '');
}

function policyValue(policy: PolicyAst): Printable {
  const members: [string, Printable][] = [];
  if (policy.version) members.push(['Version', str(policy.version.value)]);
  if (policy.id) members.push(['Id', str(policy.id.value)]);
  if (policy.statement) {
    const statements = policy.statement.items.map(statementValue);
    members.push([
      'Statement',
      policy.statement.form === 'object' && statements[0] !== undefined
        ? statements[0]
        : { kind: 'array', items: statements },
    ]);
  }
  return { kind: 'object', members };
}

function statementValue(statement: StatementNode): Printable {
  const members: [string, Printable][] = [];
  if (statement.sid) members.push(['Sid', str(statement.sid.value)]);
  if (statement.effect) members.push(['Effect', str(statement.effect.value)]);
  if (statement.principal) members.push(['Principal', principalValue(statement.principal)]);
  if (statement.notPrincipal) {
    members.push(['NotPrincipal', principalValue(statement.notPrincipal)]);
  }
  if (statement.action) members.push(['Action', listValue(statement.action)]);
  if (statement.notAction) members.push(['NotAction', listValue(statement.notAction)]);
  if (statement.resource) members.push(['Resource', listValue(statement.resource)]);
  if (statement.notResource) members.push(['NotResource', listValue(statement.notResource)]);
  if (statement.condition) members.push(['Condition', conditionValue(statement.condition)]);
  return { kind: 'object', members };
}

function principalValue(principal: PrincipalNode): Printable {
  if (principal.form === 'string') return str(principal.value.value);
  return {
    kind: 'object',
    members: principal.entries.map((entry) => [entry.type.value, listValue(entry.values)] as const),
  };
}

function conditionValue(condition: ConditionNode): Printable {
  return {
    kind: 'object',
    members: condition.operators.map(
      (operator) =>
        [
          operator.operator.value,
          {
            kind: 'object',
            members: operator.entries.map(
              (entry) => [entry.key.value, conditionValues(entry.values)] as const,
            ),
          },
        ] as const,
    ),
  };
}

function conditionValues(values: ConditionValuesNode): Printable {
  const items = values.items.map((item): Printable =>
    item.type === 'string' ? str(item.text) : { kind: 'raw', text: item.text },
  );
  if (values.form === 'scalar' && items[0] !== undefined) return items[0];
  return { kind: 'array', items };
}

function listValue(list: StringListNode): Printable {
  const items = list.items.map((item) => str(item.value));
  if (list.form === 'string' && items[0] !== undefined) return items[0];
  return { kind: 'array', items };
}

function str(value: string): Printable {
  return { kind: 'string', value };
}

function render(value: Printable, indent: string): string {
  const inner = `${indent}  `;
  switch (value.kind) {
    case 'string':
      return JSON.stringify(value.value);
    case 'raw':
      return value.text;
    case 'array':
      if (value.items.length === 0) return '[]';
      return `[\n${value.items.map((item) => inner + render(item, inner)).join(',\n')}\n${indent}]`;
    case 'object':
      if (value.members.length === 0) return '{}';
      return `{\n${value.members
        .map(([key, member]) => `${inner}${JSON.stringify(key)}: ${render(member, inner)}`)
        .join(',\n')}\n${indent}}`;
  }
}
