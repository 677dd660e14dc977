import { NOTIFY_CHANNEL } from '../schema/names.js';
import type { Queryable } from '../schema/queryable.js';

/**
 * Wakes live consumers after the store's own appends committed: one NOTIFY per
 * turn of the event loop, however many appends finished in it. Notifying from
 * the appending transaction instead would hold PostgreSQL's cluster-wide
 * notification lock through that transaction's commit and WAL flush,
 * serialising all appends (about half the single-event throughput here). A
 * NOTIFY lost to a crash in between only delays consumers until they poll.
 */
export class CommitNotifier {
  readonly #db: Queryable;
  #scheduled = false;

  constructor(db: Queryable) {
    this.#db = db;
  }

  /** Schedules a NOTIFY for the end of this turn of the event loop. */
  schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#db.query(`SELECT pg_notify('${NOTIFY_CHANNEL}', '')`).catch(() => undefined);
    });
  }
}
