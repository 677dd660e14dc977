// The operation-limit rules through one harness (graphql-js style): a small schema
// shaped like the gateway's, and a function that validates a document with one rule.
import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, validate, type GraphQLError, type ValidationRule } from 'graphql';
import { LimitExceededError } from '../limitExceededError.js';
import { CostLimitRule } from './CostLimitRule.js';
import { MaxAliasesRule } from './MaxAliasesRule.js';
import { MaxDepthRule } from './MaxDepthRule.js';
import { MaxDirectivesRule } from './MaxDirectivesRule.js';
import { MaxRootFieldsRule } from './MaxRootFieldsRule.js';

/** A schema shaped like the gateway's: root fields, a connection, nested plain data. */
const TEST_SCHEMA = buildSchema(`
  type Tag { key: String value: String }
  type User { userName: String tags: [Tag] boundary: Boundary }
  type Boundary { arn: String policy: Policy }
  type Policy { name: String versions: [Version] }
  type Version { id: String document: String }
  type UserEdge { cursor: String node: User }
  type UserConnection { edges: [UserEdge] }
  input Question { principal: String action: String }
  type Decision { allowed: Boolean }
  type Query {
    getUser(userName: String): User
    listUsers(first: Int, after: String): UserConnection
    batch(requests: [Question]): [Decision]
  }
`);

/** The errors one rule reports on a document. */
function errorsOf(rule: ValidationRule, document: string): readonly GraphQLError[] {
  return validate(TEST_SCHEMA, parse(document), [rule]);
}

function limitOf(
  errors: ReturnType<typeof errorsOf>,
): { limit: string; maximum: number; actual: number } | undefined {
  const error = errors[0];
  return error instanceof LimitExceededError
    ? { limit: error.limit, maximum: error.maximum, actual: error.actual }
    : undefined;
}

describe('MaxDepthRule', () => {
  it('accepts an operation at the limit and refuses one beyond', () => {
    const query = '{ getUser { boundary { policy { versions { id } } } } }'; // depth 5
    expect(errorsOf(MaxDepthRule(5), query)).toEqual([]);
    expect(limitOf(errorsOf(MaxDepthRule(4), query))).toEqual({
      limit: 'depth',
      maximum: 4,
      actual: 5,
    });
  });

  it('inlines fragments and survives fragment cycles (reported by NoFragmentCyclesRule)', () => {
    const query = `
      { getUser { ...U } }
      fragment U on User { boundary { ...B } }
      fragment B on Boundary { policy { versions { id } } }`;
    expect(limitOf(errorsOf(MaxDepthRule(4), query))?.actual).toBe(5);
    const cyclic = `{ getUser { boundary { ...A } } } fragment A on Boundary { policy { name } ...A }`;
    expect(() => errorsOf(MaxDepthRule(10), cyclic)).not.toThrow();
  });

  it('does not count introspection', () => {
    expect(
      errorsOf(MaxDepthRule(1), '{ __schema { types { fields { type { ofType { name } } } } } }'),
    ).toEqual([]);
  });
});

describe('MaxAliasesRule', () => {
  it('counts aliases through fragments', () => {
    const query = `{ a: getUser { ...F } b: getUser { ...F } } fragment F on User { x: userName y: userName }`;
    expect(limitOf(errorsOf(MaxAliasesRule(5), query))).toEqual({
      limit: 'aliases',
      maximum: 5,
      actual: 6,
    });
    expect(errorsOf(MaxAliasesRule(6), query)).toEqual([]);
  });
});

describe('MaxRootFieldsRule', () => {
  it('bounds the calls one request makes', () => {
    const query = `{ a: getUser { userName } b: getUser { userName } c: getUser { userName } }`;
    expect(errorsOf(MaxRootFieldsRule(3), query)).toEqual([]);
    expect(limitOf(errorsOf(MaxRootFieldsRule(2), query))).toEqual({
      limit: 'rootFields',
      maximum: 2,
      actual: 3,
    });
  });
});

describe('MaxDirectivesRule', () => {
  it('counts every directive of the document', () => {
    const query = `{ getUser @skip(if: false) @include(if: true) { userName @include(if: true) } }`;
    expect(errorsOf(MaxDirectivesRule(3), query)).toEqual([]);
    expect(limitOf(errorsOf(MaxDirectivesRule(2), query))).toEqual({
      limit: 'directives',
      maximum: 2,
      actual: 3,
    });
  });
});

describe('CostLimitRule', () => {
  const options = {
    maximum: 1000,
    defaultPageSize: 50,
    maxPageSize: 100,
    batchArguments: ['requests'],
    maxBatchSize: 100,
  };

  it('multiplies a connection by its page size', () => {
    // 1 (listUsers) + 10 * (edges 1 + cursor 1 + node 1 + userName 1)
    expect(
      limitOf(
        errorsOf(
          CostLimitRule({ ...options, maximum: 40 }),
          '{ listUsers(first: 10) { edges { cursor node { userName } } } }',
        ),
      ),
    ).toEqual({
      limit: 'cost',
      maximum: 40,
      actual: 41,
    });
  });

  it('assumes the largest page for a variable and the default page when absent', () => {
    const withVariable = 'query($n: Int) { listUsers(first: $n) { edges { cursor } } }';
    expect(limitOf(errorsOf(CostLimitRule({ ...options, maximum: 1 }), withVariable))?.actual).toBe(
      1 + 100 * 2,
    );
    const absent = '{ listUsers { edges { cursor } } }';
    expect(limitOf(errorsOf(CostLimitRule({ ...options, maximum: 1 }), absent))?.actual).toBe(
      1 + 50 * 2,
    );
  });

  it('multiplies a batch by its length', () => {
    const batch = '{ batch(requests: [{ principal: "a" }, { principal: "b" }]) { allowed } }';
    expect(limitOf(errorsOf(CostLimitRule({ ...options, maximum: 1 }), batch))?.actual).toBe(
      1 + 2 * 1,
    );
  });

  it('accepts ordinary operations', () => {
    expect(errorsOf(CostLimitRule(options), '{ getUser { userName tags { key value } } }')).toEqual(
      [],
    );
  });
});
