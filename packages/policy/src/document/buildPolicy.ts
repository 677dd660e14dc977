import { makeFinding, type Finding, type FindingCode } from '../finding.js';
import { POLICY_ELEMENTS, STATEMENT_ELEMENTS } from './elementNames.js';
import type { JsonMember, JsonNode, JsonObject } from './json/jsonAst.js';
import { pointerChild } from './jsonPointer.js';
import type { LineIndex, SourceLocation } from './location.js';
import type {
  ConditionEntryNode,
  ConditionNode,
  ConditionOperatorNode,
  ConditionValueNode,
  ConditionValuesNode,
  PolicyAst,
  PolicyElementName,
  PrincipalEntryNode,
  PrincipalNode,
  StatementElementName,
  StatementListNode,
  StatementNode,
  StringListNode,
  StringNode,
} from './policyAst.js';
import { closestMatch, didYouMean } from './suggest.js';

/** The tree built from a JSON document, and the structural findings met on the way. */
export interface BuildResult {
  /** Undefined when the document is not a JSON object. */
  readonly policy: PolicyAst | undefined;
  readonly findings: readonly Finding[];
}

/**
 * Turns a JSON tree into a policy tree, reporting what IAM's grammar rejects at the level of
 * shapes: a document that is not an object, duplicate keys, unknown elements and elements of the
 * wrong JSON type. Value-level checks (is this a valid ARN?) are validation rules.
 */
export function buildPolicy(root: JsonNode, lines: LineIndex): BuildResult {
  const builder = new PolicyBuilder(lines);
  const policy = builder.build(root);
  return { policy, findings: builder.findings };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

class PolicyBuilder {
  readonly findings: Finding[] = [];

  constructor(private readonly lines: LineIndex) {}

  build(root: JsonNode): PolicyAst | undefined {
    const path = '';
    if (root.kind !== 'object') {
      this.report(
        'DOCUMENT_NOT_OBJECT',
        `a policy document must be a JSON object, found ${describeJsonType(root)}`,
        path,
        root.offset,
      );
      return undefined;
    }
    const policy: Mutable<PolicyAst> = { loc: this.loc(root.offset), path, malformed: [] };
    const malformed: PolicyElementName[] = [];
    for (const member of this.uniqueMembers(root, path)) {
      const memberPath = pointerChild(path, member.key);
      switch (member.key) {
        case 'Version':
        case 'Id': {
          const node = this.string(member.value, memberPath, member.key);
          if (node === undefined) malformed.push(member.key);
          else if (member.key === 'Version') policy.version = node;
          else policy.id = node;
          break;
        }
        case 'Statement': {
          const statement = this.statementList(member.value, memberPath);
          if (statement === undefined || statement.incomplete) malformed.push('Statement');
          if (statement !== undefined) policy.statement = statement.node;
          break;
        }
        default:
          this.unknownElement(member, memberPath, POLICY_ELEMENTS, 'policy');
      }
    }
    policy.malformed = malformed;
    return policy;
  }

  private statementList(
    node: JsonNode,
    path: string,
  ): { node: StatementListNode; incomplete: boolean } | undefined {
    if (node.kind === 'object') {
      const items = [this.statement(node, path, 0)];
      return {
        node: { loc: this.loc(node.offset), path, form: 'object', items },
        incomplete: false,
      };
    }
    if (node.kind !== 'array') {
      this.wrongType('Statement', 'an object or an array of objects', node, path);
      return undefined;
    }
    const items: StatementNode[] = [];
    let incomplete = false;
    node.items.forEach((item, index) => {
      const itemPath = pointerChild(path, index);
      if (item.kind === 'object') {
        items.push(this.statement(item, itemPath, index));
      } else {
        incomplete = true;
        this.wrongType('a statement', 'an object', item, itemPath, false);
      }
    });
    return { node: { loc: this.loc(node.offset), path, form: 'array', items }, incomplete };
  }

  private statement(node: JsonObject, path: string, index: number): StatementNode {
    const statement: Mutable<StatementNode> = {
      loc: this.loc(node.offset),
      path,
      index,
      malformed: [],
    };
    const malformed: StatementElementName[] = [];
    for (const member of this.uniqueMembers(node, path)) {
      const memberPath = pointerChild(path, member.key);
      const value = member.value;
      switch (member.key) {
        case 'Sid':
        case 'Effect': {
          const text = this.string(value, memberPath, member.key);
          if (text === undefined) malformed.push(member.key);
          else if (member.key === 'Sid') statement.sid = text;
          else statement.effect = text;
          break;
        }
        case 'Action':
        case 'NotAction':
        case 'Resource':
        case 'NotResource': {
          const list = this.stringList(value, memberPath, member.key);
          if (list === undefined || list.incomplete) malformed.push(member.key);
          if (list !== undefined) {
            const key = listField(member.key);
            statement[key] = list.node;
          }
          break;
        }
        case 'Principal':
        case 'NotPrincipal': {
          const principal = this.principal(value, memberPath, member.key);
          if (principal === undefined || principal.incomplete) malformed.push(member.key);
          if (principal !== undefined) {
            if (member.key === 'Principal') statement.principal = principal.node;
            else statement.notPrincipal = principal.node;
          }
          break;
        }
        case 'Condition': {
          const condition = this.condition(value, memberPath);
          if (condition === undefined || condition.incomplete) malformed.push('Condition');
          if (condition !== undefined) statement.condition = condition.node;
          break;
        }
        default:
          this.unknownElement(member, memberPath, STATEMENT_ELEMENTS, 'statement');
      }
    }
    statement.malformed = malformed;
    return statement;
  }

  private stringList(
    node: JsonNode,
    path: string,
    element: string,
  ): { node: StringListNode; incomplete: boolean } | undefined {
    if (node.kind === 'string') {
      const item = { loc: this.loc(node.offset), path, value: node.value };
      return { node: { loc: item.loc, path, form: 'string', items: [item] }, incomplete: false };
    }
    if (node.kind !== 'array') {
      this.wrongType(element, 'a string or an array of strings', node, path);
      return undefined;
    }
    const items: StringNode[] = [];
    let incomplete = false;
    node.items.forEach((item, index) => {
      const itemPath = pointerChild(path, index);
      if (item.kind === 'string') {
        items.push({ loc: this.loc(item.offset), path: itemPath, value: item.value });
      } else {
        incomplete = true;
        this.wrongType(`an entry of \`${element}\``, 'a string', item, itemPath, false);
      }
    });
    return { node: { loc: this.loc(node.offset), path, form: 'array', items }, incomplete };
  }

  private principal(
    node: JsonNode,
    path: string,
    element: string,
  ): { node: PrincipalNode; incomplete: boolean } | undefined {
    const loc = this.loc(node.offset);
    if (node.kind === 'string') {
      return {
        node: { loc, path, form: 'string', value: { loc, path, value: node.value } },
        incomplete: false,
      };
    }
    if (node.kind !== 'object') {
      this.wrongType(element, '`"*"` or an object such as `{"AWS": "..."}`', node, path);
      return undefined;
    }
    const entries: PrincipalEntryNode[] = [];
    let incomplete = false;
    for (const member of this.uniqueMembers(node, path)) {
      const memberPath = pointerChild(path, member.key);
      const values = this.stringList(member.value, memberPath, `${element}/${member.key}`);
      if (values === undefined || values.incomplete) incomplete = true;
      if (values !== undefined) {
        const type = { loc: this.loc(member.keyOffset), path: memberPath, value: member.key };
        entries.push({ loc: type.loc, path: memberPath, type, values: values.node });
      }
    }
    return { node: { loc, path, form: 'map', entries }, incomplete };
  }

  private condition(
    node: JsonNode,
    path: string,
  ): { node: ConditionNode; incomplete: boolean } | undefined {
    if (node.kind !== 'object') {
      this.wrongType('Condition', 'an object', node, path);
      return undefined;
    }
    const operators: ConditionOperatorNode[] = [];
    let incomplete = false;
    for (const member of this.uniqueMembers(node, path)) {
      const operatorPath = pointerChild(path, member.key);
      const operator = { loc: this.loc(member.keyOffset), path: operatorPath, value: member.key };
      if (member.value.kind !== 'object') {
        incomplete = true;
        this.wrongType(
          `the condition operator \`${member.key}\``,
          'an object of condition keys',
          member.value,
          operatorPath,
          false,
        );
        continue;
      }
      const entries: ConditionEntryNode[] = [];
      for (const entry of this.uniqueMembers(member.value, operatorPath)) {
        const entryPath = pointerChild(operatorPath, entry.key);
        const values = this.conditionValues(entry.value, entryPath, entry.key);
        if (values === undefined || values.incomplete) incomplete = true;
        if (values !== undefined) {
          const key = { loc: this.loc(entry.keyOffset), path: entryPath, value: entry.key };
          entries.push({ loc: key.loc, path: entryPath, key, values: values.node });
        }
      }
      operators.push({ loc: operator.loc, path: operatorPath, operator, entries });
    }
    return { node: { loc: this.loc(node.offset), path, operators }, incomplete };
  }

  private conditionValues(
    node: JsonNode,
    path: string,
    key: string,
  ): { node: ConditionValuesNode; incomplete: boolean } | undefined {
    const scalar = this.conditionValue(node, path);
    if (scalar !== undefined) {
      return {
        node: { loc: scalar.loc, path, form: 'scalar', items: [scalar] },
        incomplete: false,
      };
    }
    if (node.kind !== 'array') {
      this.wrongType(
        `the values of condition key \`${key}\``,
        'a string, number, boolean or an array of them',
        node,
        path,
        false,
      );
      return undefined;
    }
    const items: ConditionValueNode[] = [];
    let incomplete = false;
    node.items.forEach((item, index) => {
      const itemPath = pointerChild(path, index);
      const value = this.conditionValue(item, itemPath);
      if (value !== undefined) {
        items.push(value);
      } else {
        incomplete = true;
        this.wrongType(
          `a value of condition key \`${key}\``,
          'a string, number or boolean',
          item,
          itemPath,
          false,
        );
      }
    });
    return { node: { loc: this.loc(node.offset), path, form: 'array', items }, incomplete };
  }

  private conditionValue(node: JsonNode, path: string): ConditionValueNode | undefined {
    const loc = this.loc(node.offset);
    switch (node.kind) {
      case 'string':
        return { loc, path, type: 'string', text: node.value };
      case 'number':
        return { loc, path, type: 'number', text: node.text };
      case 'boolean':
        return { loc, path, type: 'boolean', text: node.value ? 'true' : 'false' };
      case 'array':
      case 'object':
      case 'null':
        return undefined;
    }
  }

  private string(node: JsonNode, path: string, element: string): StringNode | undefined {
    if (node.kind === 'string') return { loc: this.loc(node.offset), path, value: node.value };
    this.wrongType(element, 'a string', node, path);
    return undefined;
  }

  /** The members of an object, reporting repeated keys; like JSON.parse, the last one wins. */
  private uniqueMembers(node: JsonObject, path: string): JsonMember[] {
    const byKey = new Map<string, JsonMember>();
    for (const member of node.members) {
      if (byKey.has(member.key)) {
        this.report(
          'DUPLICATE_KEY',
          `the key \`${member.key}\` appears more than once in the same object`,
          pointerChild(path, member.key),
          member.keyOffset,
          'IAM rejects duplicate keys; remove or merge the repeated entries',
        );
        byKey.delete(member.key);
      }
      byKey.set(member.key, member);
    }
    return [...byKey.values()];
  }

  private unknownElement(
    member: JsonMember,
    path: string,
    known: readonly string[],
    where: string,
  ): void {
    this.report(
      'UNKNOWN_ELEMENT',
      `unknown ${where} element \`${member.key}\``,
      path,
      member.keyOffset,
      didYouMean(closestMatch(member.key, known)),
    );
  }

  private wrongType(
    element: string,
    expected: string,
    node: JsonNode,
    path: string,
    quote = true,
  ): void {
    const name = quote ? `\`${element}\`` : element;
    this.report(
      'INVALID_ELEMENT_TYPE',
      `${name} must be ${expected}, found ${describeJsonType(node)}`,
      path,
      node.offset,
    );
  }

  private report(
    code: FindingCode,
    message: string,
    path: string,
    offset: number,
    help?: string,
  ): void {
    this.findings.push(makeFinding(code, message, { path, loc: this.loc(offset) }, help));
  }

  private loc(offset: number): SourceLocation {
    return this.lines.locate(offset);
  }
}

function listField(
  element: 'Action' | 'NotAction' | 'Resource' | 'NotResource',
): 'action' | 'notAction' | 'resource' | 'notResource' {
  switch (element) {
    case 'Action':
      return 'action';
    case 'NotAction':
      return 'notAction';
    case 'Resource':
      return 'resource';
    case 'NotResource':
      return 'notResource';
  }
}

function describeJsonType(node: JsonNode): string {
  switch (node.kind) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'null':
      return '`null`';
  }
}
