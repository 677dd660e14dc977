export { buildPolicy } from './buildPolicy.js';
export {
  POLICY_ELEMENTS,
  PRINCIPAL_TYPES,
  STATEMENT_ELEMENTS,
  isPrincipalType,
} from './elementNames.js';
export type { PrincipalType } from './elementNames.js';
export { parseJson } from './json/parseJson.js';
export type { JsonFailure, JsonLimits, JsonParseResult } from './json/parseJson.js';
export type { JsonNode } from './json/jsonAst.js';
export { pointerChild } from './jsonPointer.js';
export { LineIndex } from './location.js';
export type { SourceLocation } from './location.js';
export { DEFAULT_PARSE_LIMITS, parsePolicy } from './parsePolicy.js';
export type { ParseFailure, ParseOptions, ParseResult, ParseSuccess } from './parsePolicy.js';
export type * from './policyAst.js';
export { POLICY_KINDS, SIZE_LIMITS, defaultSizeClass } from './policyKind.js';
export type { PolicyKind, SizeClass } from './policyKind.js';
export { printPolicy } from './printPolicy.js';
export { stripLocations } from './stripLocations.js';
export { closestMatch, didYouMean } from './suggest.js';
