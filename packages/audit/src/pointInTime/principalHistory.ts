import { compareCheckpoints, type Queryable, type RecordedEvent } from '@gatehouse/event-store';
import {
  ACCOUNT_STREAM,
  AccountView,
  entityStream,
  nameStream,
  parseIamArn,
  parsePrincipalArn,
} from '@gatehouse/iam';
import { readStreams } from '../history/eventLog.js';
import { AuditError, invalidInput } from '../shared/auditError.js';
import { isAtOrBefore, type AsOf } from '../shared/pointInTime.js';

/** A principal an audit question is about: a user, or a role (its sessions' permissions). */
export interface AuditedPrincipal {
  readonly kind: 'user' | 'role';
  readonly name: string;
  readonly accountId: string;
  /** The ARN policies are evaluated for (a role is asked about as a session of it). */
  readonly evaluationArn: string;
  /** The entity's ARN as given or derived (`...:user/alice`, `...:role/deploy`). */
  readonly arn: string;
}

/** Reads a user ARN, a role ARN or a role session ARN. @throws AuditError `INVALID_INPUT` */
export function auditedPrincipal(arn: string, field = 'principal'): AuditedPrincipal {
  const principal = parsePrincipalArn(arn);
  if (principal?.type === 'User')
    return {
      kind: 'user',
      name: principal.name,
      accountId: principal.accountId,
      evaluationArn: arn,
      arn,
    };
  if (principal?.type === 'AssumedRole')
    return {
      kind: 'role',
      name: principal.roleName,
      accountId: principal.accountId,
      evaluationArn: arn,
      arn: `arn:gatehouse:iam::${principal.accountId}:role/${principal.roleName}`,
    };
  const entity = parseIamArn(arn);
  if (entity?.kind === 'role')
    return {
      kind: 'role',
      name: entity.name,
      accountId: entity.accountId,
      evaluationArn: `arn:gatehouse:sts::${entity.accountId}:assumed-role/${entity.name}/audit`,
      arn,
    };
  throw invalidInput(field, 'must be the ARN of a user, a role or a role session');
}

function idsIn(
  events: readonly RecordedEvent[],
  key: 'groupId' | 'policyId' | 'entityId',
): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    const value = (event.data as Record<string, unknown>)[key];
    if (typeof value === 'string') ids.add(value);
  }
  return [...ids];
}

/**
 * Everything one principal's permissions ever depended on, in log order: the
 * account, its name, its user or role stream, every group it was ever in and
 * every managed policy it or those groups ever had attached (or as boundary).
 * Reading only these streams (four indexed reads) keeps point-in-time answers
 * independent of the size of the whole log; IAM's own {@link AccountView}
 * folds them, so the answer is the one IAM itself would have given then.
 */
export class PrincipalHistory {
  readonly principal: AuditedPrincipal;
  /** The principal's relevant events in log order. */
  readonly events: readonly RecordedEvent[];

  constructor(principal: AuditedPrincipal, events: readonly RecordedEvent[]) {
    this.principal = principal;
    this.events = events;
  }

  /** IAM's view of the relevant streams as of a moment (now when absent). */
  viewAt(asOf?: AsOf): AccountView {
    const view = new AccountView();
    view.apply(asOf === undefined ? this.events : this.events.filter((e) => isAtOrBefore(e, asOf)));
    return view;
  }

  /** Entity ids that held the principal's name (any time). */
  entityIds(): string[] {
    const name = nameStream(this.principal.kind, this.principal.name);
    return idsIn(
      this.events.filter((e) => e.streamId === name),
      'entityId',
    );
  }
}

/**
 * Loads a principal's history up to a moment (all of it when absent).
 * @throws AuditError `INVALID_INPUT` when it is longer than `maxEvents`
 */
export async function loadPrincipalHistory(
  db: Queryable,
  principal: AuditedPrincipal,
  options: { readonly upTo?: AsOf | undefined; readonly maxEvents: number },
): Promise<PrincipalHistory> {
  const { upTo, maxEvents } = options;
  const all: RecordedEvent[] = [];
  const read = async (streams: readonly string[]) => {
    const events = await readStreams(db, streams, upTo);
    all.push(...events);
    if (all.length > maxEvents)
      throw new AuditError('INVALID_INPUT', `the principal's history exceeds ${maxEvents} events`, {
        details: { field: 'principal', maxEvents },
      });
    return events;
  };
  const names = await read([ACCOUNT_STREAM, nameStream(principal.kind, principal.name)]);
  const entities = await read(
    idsIn(names, 'entityId').map((id) => entityStream(principal.kind, id)),
  );
  const groups =
    principal.kind === 'user'
      ? await read(idsIn(entities, 'groupId').map((id) => entityStream('group', id)))
      : [];
  await read(
    [...new Set([...idsIn(entities, 'policyId'), ...idsIn(groups, 'policyId')])].map((id) =>
      entityStream('policy', id),
    ),
  );
  all.sort((a, b) => compareCheckpoints(a, b));
  return new PrincipalHistory(principal, all);
}
