export { parseArn, splitArn } from './arn.js';
export type { ArnParts } from './arn.js';
export { buildGlob, globOf, hasWildcards, matchGlob } from './glob.js';
export type { Glob, GlobPiece } from './glob.js';
export { parseTemplate, resolvePieces, resolveString } from './policyVariables.js';
export type { Template, TemplatePart, TemplateProblem, VariableLookup } from './policyVariables.js';
export { TemplateResolutionCache } from './templateCache.js';
