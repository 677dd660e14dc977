import {
  readDigests,
  type Digest,
  type EventStore,
  type IntegrityProblem,
  type Queryable,
  type RecordedEvent,
  type VerifyOptions,
} from '@gatehouse/event-store';
import { readRange } from '../history/eventLog.js';
import { redact } from '../entries/redact.js';
import { AuditError, invalidInput } from '../shared/auditError.js';
import type { AuditLimits } from '../shared/limits.js';

/** The outcome of checking the log's hash chains and digests. */
export interface AuditLogVerification {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  readonly digestsChecked: number;
  readonly sealedEvents: number;
  readonly unsealedEvents: number;
  /** The first problem in log order (null when none). */
  readonly firstProblem: IntegrityProblem | null;
  readonly problemCount: number;
}

/** Checks every event's hash, every stream's chain and every digest (the event store's verify). */
export async function verifyAuditLog(
  store: EventStore,
  options: VerifyOptions = {},
): Promise<AuditLogVerification> {
  const report = await store.verify({ maxProblems: 100, ...options });
  return {
    ok: report.ok,
    eventsChecked: report.eventsChecked,
    streamsChecked: report.streamsChecked,
    digestsChecked: report.digestsChecked,
    sealedEvents: report.sealedEvents,
    unsealedEvents: report.unsealedEvents,
    firstProblem: report.firstProblem,
    problemCount: report.problems.length,
  };
}

/** An export of a time range: JSON lines of events and the digests covering them. */
export interface AuditExport {
  readonly from: Date;
  readonly to: Date;
  readonly eventCount: number;
  /**
   * One JSON object per line, in log order: each recorded event with its hash
   * chain fields (data as recorded: the log holds no secrets, and any
   * secret-named field is withheld all the same).
   */
  readonly eventLines: string;
  /** The digests whose ranges hold any exported event, one JSON object per line. */
  readonly digestLines: string;
  /** Exported events outside every digest (recorded after the last seal). */
  readonly unsealedEvents: number;
}

function line(event: RecordedEvent): string {
  return JSON.stringify({
    eventId: event.eventId,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    schemaVersion: event.schemaVersion,
    actor: event.actor,
    causationId: event.causationId,
    correlationId: event.correlationId,
    occurredAt: event.occurredAt.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
    globalPosition: event.globalPosition.toString(),
    transactionId: event.transactionId.toString(),
    data: redact(event.data),
    metadata: redact(event.metadata),
    prevHash: event.prevHash,
    hash: event.hash,
  });
}

function digestLine(digest: Digest): string {
  return JSON.stringify({
    seq: digest.seq.toString(),
    fromTransactionId: digest.from.transactionId.toString(),
    fromPosition: digest.from.globalPosition.toString(),
    toTransactionId: digest.to.transactionId.toString(),
    toPosition: digest.to.globalPosition.toString(),
    eventCount: digest.eventCount,
    eventsHash: digest.eventsHash,
    prevHash: digest.prevHash,
    hash: digest.hash,
    keyId: digest.keyId,
    signature: digest.signature,
    createdAt: digest.createdAt.toISOString(),
  });
}

function before(a: RecordedEvent, b: Digest['to']): boolean {
  return (
    a.transactionId < b.transactionId ||
    (a.transactionId === b.transactionId && a.globalPosition <= b.globalPosition)
  );
}
function after(a: RecordedEvent, b: Digest['from']): boolean {
  return (
    a.transactionId > b.transactionId ||
    (a.transactionId === b.transactionId && a.globalPosition > b.globalPosition)
  );
}

/**
 * Exports the events recorded in `[from, to)` with the digests that cover
 * them (a digest covers `(from, to]` in log order). A receiver recomputes each
 * digest's events hash over its whole range, so a digest only partly inside
 * the range is verifiable with the neighbouring export or the full log.
 */
export async function exportRange(
  db: Queryable,
  range: { readonly from: Date; readonly to: Date },
  limits: AuditLimits,
): Promise<AuditExport> {
  if (range.from >= range.to) throw invalidInput('to', 'must be after `from`');
  const events: RecordedEvent[] = [];
  let cursor: RecordedEvent | undefined;
  for (;;) {
    const page = await readRange(db, range, cursor, 1000);
    events.push(...page);
    if (events.length > limits.maxExportEvents)
      throw new AuditError(
        'INVALID_INPUT',
        `the range holds more than ${limits.maxExportEvents} events; export it in parts`,
        { details: { field: 'to', maxExportEvents: limits.maxExportEvents } },
      );
    cursor = page.at(-1);
    if (page.length < 1000) break;
  }
  const digests = (await readDigests(db)).filter((d) =>
    events.some((e) => after(e, d.from) && before(e, d.to)),
  );
  const sealed = (e: RecordedEvent) => digests.some((d) => after(e, d.from) && before(e, d.to));
  return {
    from: range.from,
    to: range.to,
    eventCount: events.length,
    eventLines: events.map((e) => `${line(e)}\n`).join(''),
    digestLines: digests.map((d) => `${digestLine(d)}\n`).join(''),
    unsealedEvents: events.filter((e) => !sealed(e)).length,
  };
}
