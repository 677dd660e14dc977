/** Bounds of every audit input (pages, lists, ranges, windows). */
export interface AuditLimits {
  /** Page size of history and decision connections (default 50). */
  readonly defaultPageSize: number;
  readonly maxPageSize: number;
  /** Values in one list filter (event types, actions, targets). */
  readonly maxFilterValues: number;
  /** Events one export may return; a larger range is refused (export it in parts). */
  readonly maxExportEvents: number;
  /** Events of a principal's history read for a point-in-time answer. */
  readonly maxPrincipalEvents: number;
  /** Principals one resource access review evaluates. */
  readonly maxReviewedPrincipals: number;
  /** Longest usage window of a principal review, in days. */
  readonly maxUsageDays: number;
}

export const DEFAULT_AUDIT_LIMITS: AuditLimits = {
  defaultPageSize: 50,
  maxPageSize: 100,
  maxFilterValues: 50,
  maxExportEvents: 100_000,
  maxPrincipalEvents: 200_000,
  maxReviewedPrincipals: 5_000,
  maxUsageDays: 400,
};
