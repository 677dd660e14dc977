/**
 * The rules in force until a rules file is published: every request needs one
 * reviewer allowed `approvals:ApproveChangeRequest`, and waits at most 72 hours.
 */
export const DEFAULT_RULES_SOURCE = `version: 1
rules:
  - name: default
    description: one permitted reviewer, until approval rules are published
    reviewers: { anyone: 1 }
    pendingTimeout: 72h
`;
