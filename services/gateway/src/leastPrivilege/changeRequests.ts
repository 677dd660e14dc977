import { randomUUID } from 'node:crypto';
import type { EventStore, JsonObject } from '@gatehouse/event-store';
import type { IamCommand, Principal } from '@gatehouse/iam';
import type { AccountChange, ChangeAnalysis } from '@gatehouse/policy';
import type { RequestFacts } from '../context/requestFacts.js';

/** The event a change that needs approval becomes (issue 7's approval workflow consumes it). */
export const CHANGE_REQUEST_SUBMITTED = 'ChangeRequestSubmitted';

/** `change-request-<id>`: one stream per change request. */
export function changeRequestStream(changeRequestId: string): string {
  return `change-request-${changeRequestId}`;
}

/** Entries of `newAccess` kept in the event (the log bounds events to 256 KiB). */
const MAX_NEW_ACCESS_IN_EVENT = 200;

/** What is submitted for approval. */
export interface ChangeRequestSubmission {
  readonly command: IamCommand;
  readonly changes: readonly AccountChange[];
  readonly analysis: ChangeAnalysis;
  readonly requester: Principal;
  readonly request: RequestFacts;
}

/** Where change requests go. */
export interface ChangeRequestSink {
  /** Records the request; returns its id. */
  submit(submission: ChangeRequestSubmission): Promise<string>;
}

function requesterOf(principal: Principal): JsonObject {
  const requester: JsonObject = {
    principalArn: principal.principalArn,
    principalType: principal.principalType,
    originalPrincipalArn: principal.originalPrincipalArn,
    mfaAuthenticated: principal.mfaAuthenticated,
  };
  if (principal.sessionId !== undefined) requester.sessionId = principal.sessionId;
  if (principal.accessKeyId !== undefined) requester.accessKeyId = principal.accessKeyId;
  return requester;
}

/** Plain JSON of a value that is JSON already (analysis results, commands). */
function json(value: unknown): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}

/**
 * Appends `ChangeRequestSubmitted` to a new stream `change-request-<uuid>`: the
 * proposed command exactly as the domain would run it (permission-changing
 * commands carry no secrets), the analysed changes, the analysis and the
 * requester. The approval workflow applies the command once approved; until then
 * nothing in the account changes.
 */
export class EventStoreChangeRequests implements ChangeRequestSink {
  readonly #store: Pick<EventStore, 'appendToStream'>;

  constructor(store: Pick<EventStore, 'appendToStream'>) {
    this.#store = store;
  }

  async submit(submission: ChangeRequestSubmission): Promise<string> {
    const changeRequestId = randomUUID();
    const { analysis } = submission;
    const keptAccess = analysis.newAccess.slice(0, MAX_NEW_ACCESS_IN_EVENT);
    const data: JsonObject = {
      changeRequestId,
      commandType: submission.command.type,
      command: json(submission.command),
      changes: json({ changes: submission.changes }).changes ?? [],
      analysis: json({
        ...analysis,
        newAccess: keptAccess,
        truncated: analysis.truncated || keptAccess.length < analysis.newAccess.length,
      }),
      requester: requesterOf(submission.requester),
      submittedAt: submission.request.receivedAt.toISOString(),
    };
    const metadata: JsonObject = { sourceIp: submission.request.sourceIp };
    if (submission.request.userAgent !== undefined)
      metadata.userAgent = submission.request.userAgent;
    await this.#store.appendToStream(
      changeRequestStream(changeRequestId),
      [
        {
          type: CHANGE_REQUEST_SUBMITTED,
          data,
          actor: submission.requester.principalArn,
          correlationId: submission.request.requestId,
          occurredAt: submission.request.receivedAt,
          metadata,
        },
      ],
      { expectedVersion: 'no_stream' },
    );
    return changeRequestId;
  }
}
