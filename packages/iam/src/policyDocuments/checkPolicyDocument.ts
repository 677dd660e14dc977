import { parsePolicy, validatePolicy, type Finding, type PolicyKind } from '@gatehouse/policy';
import { IamError } from '../shared/iamError.js';

/** A document that passed validation, with its IAM size and the findings that did not reject it. */
export interface CheckedDocument {
  /** The document as given (JSON text). */
  readonly text: string;
  /** Characters outside JSON whitespace (IAM's measure). */
  readonly size: number;
  /** SECURITY_WARNING, WARNING and SUGGESTION findings, for the caller to show. */
  readonly warnings: readonly Finding[];
}

/** What a policy document is for, and which quota it is measured against. */
export interface DocumentUse {
  readonly kind: PolicyKind;
  /** Quota in characters outside whitespace. */
  readonly sizeLimit: number;
  /** Name of the quota for errors (`PolicySize`, `InlineUserPolicySize`, ...). */
  readonly quota: string;
}

function plainFindings(findings: readonly Finding[]): Record<string, string | number>[] {
  return findings.map((f) => {
    const out: Record<string, string | number> = {
      severity: f.severity,
      code: f.code,
      message: f.message,
      path: f.path,
    };
    if (f.line !== undefined) out.line = f.line;
    if (f.column !== undefined) out.column = f.column;
    return out;
  });
}

/**
 * Validates a document with `@gatehouse/policy` as the given kind. Any ERROR
 * finding rejects it: `MALFORMED_POLICY_DOCUMENT` with every finding in
 * `details.findings`, except when size is the only problem, which IAM reports as
 * `LIMIT_EXCEEDED` (same details).
 * @throws IamError `MALFORMED_POLICY_DOCUMENT`, `LIMIT_EXCEEDED`
 */
export function checkPolicyDocument(text: string, use: DocumentUse): CheckedDocument {
  const findings = validatePolicy(text, { kind: use.kind, sizeLimit: use.sizeLimit });
  const errors = findings.filter((f) => f.severity === 'ERROR');
  if (errors.length > 0) {
    const onlySize = errors.every((f) => f.code === 'POLICY_SIZE_EXCEEDED');
    throw new IamError(
      onlySize ? 'LIMIT_EXCEEDED' : 'MALFORMED_POLICY_DOCUMENT',
      onlySize
        ? `cannot exceed quota for ${use.quota}: ${use.sizeLimit}`
        : `the policy document is not valid: ${errors[0]?.message ?? 'unknown error'}`,
      {
        details: {
          findings: plainFindings(findings),
          ...(onlySize ? { quota: use.quota, limit: use.sizeLimit } : {}),
        },
      },
    );
  }
  const parsed = parsePolicy(text);
  const size = parsed.ok ? parsed.size : text.length;
  return { text, size, warnings: findings };
}

/** Turns a document given as text or object into the text IAM stores. */
export function documentText(document: string | object): string {
  return typeof document === 'string' ? document : JSON.stringify(document);
}
