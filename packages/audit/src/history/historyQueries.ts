import type { Queryable } from '@gatehouse/event-store';
import { requestStream } from '@gatehouse/workflow';
import { renderEntries, type AuditEntry } from '../entries/auditEntry.js';
import { StreamStateCache } from '../entries/entityStates.js';
import { invalidInput } from '../shared/auditError.js';
import type { AuditLimits } from '../shared/limits.js';
import type { Connection, PageArgs } from './connection.js';
import { decodeCursor } from './cursor.js';
import { readEventById, readHistoryPage, readStreams, type ResolvedFilter } from './eventLog.js';
import { checkFilter, pageSize, type HistoryFilter, type HistoryOrder } from './filter.js';
import { streamsOfTargets } from './targets.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The history of the log as audit entries: filtered, paged with opaque cursors, either way. */
export class HistoryQueries {
  readonly #db: Queryable;
  readonly #limits: AuditLimits;
  /** Folded states of long streams, shared by every page this instance renders. */
  readonly #states = new StreamStateCache();

  constructor(db: Queryable, limits: AuditLimits) {
    this.#db = db;
    this.#limits = limits;
  }

  /** One page of history (a Relay connection; `first` at most the limit, 50 by default). */
  async history(
    filter: HistoryFilter,
    page: PageArgs & { readonly order?: HistoryOrder | undefined },
  ): Promise<Connection<AuditEntry>> {
    const checked = checkFilter(filter, this.#limits);
    const first = pageSize(page.first, this.#limits);
    const after = page.after == null ? undefined : decodeCursor(page.after);
    const resolved = await this.#resolve(checked);
    const events = await readHistoryPage(
      this.#db,
      resolved,
      page.order ?? 'NEWEST_FIRST',
      after,
      first + 1,
    );
    const entries = await renderEntries(this.#db, events.slice(0, first), this.#states);
    return {
      edges: entries.map((node) => ({ cursor: node.cursor, node })),
      pageInfo: {
        hasNextPage: events.length > first,
        hasPreviousPage: false,
        startCursor: entries[0]?.cursor ?? null,
        endCursor: entries.at(-1)?.cursor ?? null,
      },
    };
  }

  /** One entry by event id. */
  async entry(eventId: string): Promise<AuditEntry | undefined> {
    if (!UUID.test(eventId)) throw invalidInput('eventId', 'must be a UUID');
    const event = await readEventById(this.#db, eventId.toLowerCase());
    if (event === undefined) return undefined;
    return (await renderEntries(this.#db, [event], this.#states))[0];
  }

  async #resolve(filter: HistoryFilter): Promise<ResolvedFilter> {
    const { targets, changeRequestId, ...rest } = filter;
    let request: ResolvedFilter['request'];
    if (changeRequestId !== undefined) {
      if (!UUID.test(changeRequestId))
        throw invalidInput('filter.changeRequestId', 'must be a change request id');
      const streamId = requestStream(changeRequestId.toLowerCase());
      const first = (await readStreams(this.#db, [streamId]))[0];
      request = { streamId, correlationId: first?.correlationId ?? null };
    }
    return {
      ...rest,
      ...(targets === undefined ? {} : { streamIds: await streamsOfTargets(this.#db, targets) }),
      ...(request === undefined ? {} : { request }),
    };
  }
}
