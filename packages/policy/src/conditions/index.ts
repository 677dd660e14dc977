export { compileConditionBlock, compileEntry, missingKeyResult } from './compileCondition.js';
export type { CompiledCondition, CompiledConditionBlock } from './compileCondition.js';
export { describeExpectedValue, valueKindOf, arnSegmentGlobs } from './conditionValue.js';
export type { ArnPattern, ValueKind } from './conditionValue.js';
export { BASE_OPERATORS, familySupportsVariables, parseConditionOperator } from './operators.js';
export type {
  BaseOperatorName,
  Comparison,
  ConditionOperator,
  OperatorFamily,
  OperatorProblem,
  SetQualifier,
} from './operators.js';
export { ContextEntry, RequestContext } from './requestContext.js';
export type { ContextValue, RequestContextInput } from './requestContext.js';
export { decodeBase64 } from './values/binaryValue.js';
export { parseBoolValue } from './values/boolValue.js';
export { parseDateValue } from './values/dateValue.js';
export { ipRangeContains, parseIpAddress, parseIpRange } from './values/ipValue.js';
export type { IpAddress, IpRange } from './values/ipValue.js';
export { parseNumericValue } from './values/numericValue.js';
