import { familySupportsVariables, parseConditionOperator } from '../../conditions/operators.js';
import type { NodeBase, StringNode } from '../../document/policyAst.js';
import { parseTemplate } from '../../patterns/policyVariables.js';
import type { RuleContext, ValidationRule } from '../validationRule.js';

const VARIABLE_LIKE = /\$\{[^}]*\}/;

/**
 * Policy variables work only with Version 2012-10-17, only in the resource part of Resource ARNs
 * (after the fifth colon) and in values of String, ARN and Bool conditions; elsewhere `${...}` is
 * literal text (IAM policy elements: Variables and tags).
 */
export const policyVariableRule: ValidationRule = {
  name: 'policy-variable',
  codes: [
    'INVALID_POLICY_VARIABLE',
    'POLICY_VARIABLE_NOT_SUPPORTED',
    'POLICY_VARIABLE_REQUIRES_VERSION',
  ],
  check(context) {
    for (const statement of context.statements) {
      for (const node of [statement.sid, statement.effect]) {
        if (node)
          unsupported(
            context,
            node.value,
            node,
            `\`${node === statement.sid ? 'Sid' : 'Effect'}\``,
          );
      }
      for (const [name, list] of [
        ['Action', statement.action],
        ['NotAction', statement.notAction],
      ] as const) {
        for (const item of list?.items ?? []) unsupported(context, item.value, item, `\`${name}\``);
      }
      for (const principal of [statement.principal, statement.notPrincipal]) {
        if (principal?.form === 'string')
          unsupported(context, principal.value.value, principal.value, 'a principal');
        if (principal?.form === 'map') {
          for (const entry of principal.entries) {
            for (const item of entry.values.items)
              unsupported(context, item.value, item, 'a principal');
          }
        }
      }
      for (const list of [statement.resource, statement.notResource]) {
        for (const item of list?.items ?? []) checkResource(context, item);
      }
      for (const operatorNode of statement.condition?.operators ?? []) {
        const parsed = parseConditionOperator(operatorNode.operator.value);
        for (const entry of operatorNode.entries) {
          unsupported(context, entry.key.value, entry.key, 'a condition key');
          for (const item of entry.values.items) {
            if (!parsed.ok) continue;
            if (familySupportsVariables(parsed.operator.family)) {
              checkSupported(context, item.text, item);
            } else {
              unsupported(context, item.text, item, `values of \`${parsed.operator.name}\``);
            }
          }
        }
      }
    }
  },
};

function unsupported(context: RuleContext, text: string, node: NodeBase, where: string): void {
  const variable = VARIABLE_LIKE.exec(text)?.[0];
  if (variable === undefined) return;
  context.report(
    'POLICY_VARIABLE_NOT_SUPPORTED',
    `policy variables are not supported in ${where}, so \`${variable}\` is literal text here`,
    node,
  );
}

/** Checks a value where variables are supported; returns the parsed template's variable starts. */
function checkSupported(context: RuleContext, text: string, node: NodeBase): number[] {
  if (!context.variablesEnabled) {
    const variable = VARIABLE_LIKE.exec(text)?.[0];
    if (variable !== undefined) {
      context.report(
        'POLICY_VARIABLE_REQUIRES_VERSION',
        `\`${variable}\` is literal text: policy variables need \`"Version": "2012-10-17"\``,
        node,
      );
    }
    return [];
  }
  const { template, problems } = parseTemplate(text, true);
  for (const problem of problems) context.report('INVALID_POLICY_VARIABLE', problem.message, node);
  return template.parts.flatMap((part) => (part.kind === 'variable' ? [part.start] : []));
}

function checkResource(context: RuleContext, item: StringNode): void {
  const starts = checkSupported(context, item.value, item);
  if (starts.length === 0 || !item.value.startsWith('arn:')) return;
  const resourcePart = fifthColon(item.value);
  if (starts.some((start) => resourcePart < 0 || start < resourcePart)) {
    context.report(
      'POLICY_VARIABLE_NOT_SUPPORTED',
      `a policy variable in \`${item.value}\` is before the resource part of the ARN`,
      item,
      'variables can replace only the part after the fifth colon, not the partition, service, region or account',
    );
  }
}

/** The offset of the fifth colon outside `${...}`, or -1. */
function fifthColon(text: string): number {
  let colons = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('${', i)) {
      const end = text.indexOf('}', i);
      if (end < 0) return -1;
      i = end;
      continue;
    }
    if (text[i] === ':' && ++colons === 5) return i;
  }
  return -1;
}
