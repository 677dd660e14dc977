// The CLI checks names, paths and quotas offline with its own copy of IAM's rules (it must not
// load the domain at run time); these tests keep the copy in step with @gatehouse/iam's.
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_LIMITS } from '@gatehouse/iam';
import { nameProblem, pathProblem, QUOTAS } from '../src/repository/iamNames.js';

describe('IAM rules of the repository', () => {
  it('uses the quotas @gatehouse/iam enforces', () => {
    expect(QUOTAS.managedPoliciesPerEntity).toBe(DEFAULT_LIMITS.managedPoliciesPerPrincipal);
    expect(QUOTAS.groupsPerUser).toBe(DEFAULT_LIMITS.groupsPerUser);
  });

  it('accepts and refuses names and paths as IAM does', () => {
    expect(nameProblem('user', 'alice.smith+ops@example.com')).toBeUndefined();
    expect(nameProblem('user', 'a'.repeat(64))).toBeUndefined();
    expect(nameProblem('user', 'a'.repeat(65))).toMatch(/1 to 64 characters/);
    expect(nameProblem('group', 'g'.repeat(128))).toBeUndefined();
    expect(nameProblem('role', 'has space')).toMatch(/not a valid role name/);
    expect(pathProblem('/')).toBeUndefined();
    expect(pathProblem('/eng/platform/')).toBeUndefined();
    expect(pathProblem('eng/')).toBeDefined();
    expect(pathProblem('/eng//x/')).toBeUndefined(); // IAM allows it
    expect(pathProblem('/eng/x')).toBeDefined();
    expect(pathProblem('/ü/')).toBeDefined();
  });
});
