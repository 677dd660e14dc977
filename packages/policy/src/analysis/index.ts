export { patternCovers } from './patternCoverage.js';
export { conditionSignature, principalSignature, statementCovers } from './statementCoverage.js';
