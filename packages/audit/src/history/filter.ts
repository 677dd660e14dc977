import type { AsOf } from '../shared/pointInTime.js';
import { invalidInput } from '../shared/auditError.js';
import type { AuditLimits } from '../shared/limits.js';

/** Which way a history runs. */
export type HistoryOrder = 'NEWEST_FIRST' | 'OLDEST_FIRST';

/** What a history page may be narrowed to; every given field must hold. */
export interface HistoryFilter {
  /** The recorded actor ARN (a user, a role session, `system`...). */
  readonly actor?: string | undefined;
  /** The person behind the actor (`originalPrincipalArn` of the event's metadata). */
  readonly person?: string | undefined;
  /** Target entities: IAM ARNs (a user, group, role, policy: every entity that held the name), change request ARNs, or stream ids. */
  readonly targets?: readonly string[] | undefined;
  /** Event types (`UserPolicyAttached`). */
  readonly eventTypes?: readonly string[] | undefined;
  /** Actions (`iam:AttachUserPolicy` or `AttachUserPolicy`): the command recorded with the event. */
  readonly actions?: readonly string[] | undefined;
  /** Recorded at or after. */
  readonly from?: Date | undefined;
  /** Recorded before. */
  readonly to?: Date | undefined;
  /** A change request id: its own events and everything applied under its correlation id. */
  readonly changeRequestId?: string | undefined;
  readonly correlationId?: string | undefined;
}

const ARNISH = /^[\x21-\x7e]{1,2048}$/;
const TYPE = /^[A-Z][A-Za-z0-9]{0,127}$/;
const ACTION = /^(?:[a-z0-9-]{1,64}:)?[A-Za-z0-9]{1,128}$/;
const ID = /^[\x21-\x7e]{1,128}$/;

function list(
  values: readonly string[] | undefined,
  field: string,
  pattern: RegExp,
  limits: AuditLimits,
): readonly string[] | undefined {
  if (values === undefined) return undefined;
  if (values.length === 0 || values.length > limits.maxFilterValues)
    throw invalidInput(field, `must hold 1-${limits.maxFilterValues} values`);
  values.forEach((value, index) => {
    if (!pattern.test(value)) throw invalidInput(`${field}.${index}`, 'is not well formed');
  });
  return [...new Set(values)];
}

/** Checks a filter's shape and bounds. @throws AuditError `INVALID_INPUT` */
export function checkFilter(filter: HistoryFilter, limits: AuditLimits): HistoryFilter {
  const one = (value: string | undefined, field: string, pattern: RegExp) => {
    if (value !== undefined && !pattern.test(value))
      throw invalidInput(field, 'is not well formed');
    return value;
  };
  if (filter.from !== undefined && filter.to !== undefined && filter.from >= filter.to)
    throw invalidInput('filter.to', 'must be after `from`');
  return {
    actor: one(filter.actor, 'filter.actor', ARNISH),
    person: one(filter.person, 'filter.person', ARNISH),
    targets: list(filter.targets, 'filter.targets', ARNISH, limits),
    eventTypes: list(filter.eventTypes, 'filter.eventTypes', TYPE, limits),
    actions: list(filter.actions, 'filter.actions', ACTION, limits),
    from: filter.from,
    to: filter.to,
    changeRequestId: one(filter.changeRequestId, 'filter.changeRequestId', ID),
    correlationId: one(filter.correlationId, 'filter.correlationId', ID),
  };
}

/** The first/after/order of a page, checked. */
export function pageSize(first: number | undefined, limits: AuditLimits): number {
  const size = first ?? limits.defaultPageSize;
  if (!Number.isSafeInteger(size) || size < 1 || size > limits.maxPageSize)
    throw invalidInput('first', `must be 1-${limits.maxPageSize}`);
  return size;
}

export type { AsOf };
