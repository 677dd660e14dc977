import { CliError } from '../cli/cliError.js';
import type { GatewayClient } from './graphqlClient.js';

// The gateway's approvals API (services/gateway's WorkflowResolver): `myChangeRequests(status:
// [ChangeRequestStatus!], first, after)`, `changeRequestsAwaitingMyReview(first, after)`,
// `changeRequest(id)`, and the reviews `approveChangeRequest(id, comment)` /
// `rejectChangeRequest(id, reason)` answering `ChangeRequestPayload { changeRequest checkpoint }`.
// Every document below is validated against the gateway's schema by the unit tests
// (test/gatewayDocuments.test.ts). A gateway without these fields answers NOT_AVAILABLE.

/** The statuses of a change request (@gatehouse/workflow's `RequestStatus`). */
export const CHANGE_REQUEST_STATUSES = [
  'PENDING',
  'APPROVED',
  'SCHEDULED',
  'ACTIVE',
  'APPLIED',
  'EXPIRED',
  'REVOKED',
  'REJECTED',
  'CANCELLED',
  'TIMED_OUT',
  'FAILED',
] as const;

/** One of {@link CHANGE_REQUEST_STATUSES}. */
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];

/**
 * True once a request has reached where it stays until something else happens: anything but
 * PENDING (awaiting reviews) and APPROVED (approved, the approvals service about to apply it).
 */
export function isSettled(status: string): boolean {
  return status !== 'PENDING' && status !== 'APPROVED';
}

/** The statuses of a request whose change took effect (or is scheduled to). */
export const IN_EFFECT_STATUSES: ReadonlySet<string> = new Set(['APPLIED', 'SCHEDULED', 'ACTIVE']);

/** A change request as listed and shown. */
export interface ChangeRequestSummary {
  readonly requestId: string;
  readonly status: string;
  readonly summary: string;
  readonly action: string;
  readonly resource: string;
  readonly requesterArn: string;
  readonly risk: string;
  readonly submittedAt: string;
  readonly pendingUntil: string | null;
}

/** A change request as shown: its summary and, when it FAILED, why. */
export interface ChangeRequestDetails extends ChangeRequestSummary {
  readonly failureReason: string | null;
}

/** A page of change requests and the cursor of the next one (undefined on the last page). */
export interface ChangeRequestPage {
  readonly requests: readonly ChangeRequestSummary[];
  readonly nextCursor?: string | undefined;
}

/** The largest page the gateway serves (its Relay connections take `first` 1-100). */
export const MAX_PAGE_SIZE = 100;

const SUMMARY_FIELDS =
  'requestId status summary action resource requesterArn risk submittedAt pendingUntil';
const PAGE_SELECTION = `{ edges { node { ${SUMMARY_FIELDS} } } pageInfo { hasNextPage endCursor } }`;

/** The GraphQL documents the CLI sends to the approvals API. */
export const CHANGE_REQUEST_DOCUMENTS = {
  myChangeRequests: `query MyChangeRequests($status: [ChangeRequestStatus!], $first: Int, $after: String) { myChangeRequests(status: $status, first: $first, after: $after) ${PAGE_SELECTION} }`,
  awaitingMyReview: `query AwaitingMyReview($first: Int, $after: String) { changeRequestsAwaitingMyReview(first: $first, after: $after) ${PAGE_SELECTION} }`,
  changeRequest: `query ChangeRequest($id: ID!) { changeRequest(id: $id) { ${SUMMARY_FIELDS} failureReason } }`,
  approve: `mutation ApproveChangeRequest($id: ID!, $comment: String) { approveChangeRequest(id: $id, comment: $comment) { changeRequest { requestId status } } }`,
  reject: `mutation RejectChangeRequest($id: ID!, $reason: String!) { rejectChangeRequest(id: $id, reason: $reason) { changeRequest { requestId status } } }`,
} as const;

interface Connection {
  readonly edges: readonly { readonly node: ChangeRequestSummary }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

/** The message for a gateway without the approvals API. */
function approvalsUnavailable(error: unknown, what: string): unknown {
  if (error instanceof CliError && error.code === 'NOT_AVAILABLE') {
    return new CliError(
      'NOT_AVAILABLE',
      `${what}: ${error.message} (the approvals API is not available on this gateway)`,
      { details: error.details, hint: 'upgrade the gateway, or review where the workflow runs' },
    );
  }
  return error;
}

/** Options of {@link listChangeRequests}. */
export interface ListOptions {
  /** The caller's own requests instead of those awaiting the caller's review. */
  readonly mine: boolean;
  /** Only with `mine`. */
  readonly status?: ChangeRequestStatus | undefined;
  readonly first: number;
  readonly after?: string | undefined;
}

/** A page of the requests awaiting the caller's review, or of the caller's own (`mine`). */
export async function listChangeRequests(
  client: GatewayClient,
  options: ListOptions,
): Promise<ChangeRequestPage> {
  try {
    let connection: Connection;
    if (options.mine) {
      const data = await client.request<{ myChangeRequests: Connection }>(
        CHANGE_REQUEST_DOCUMENTS.myChangeRequests,
        {
          status: options.status === undefined ? null : [options.status],
          first: options.first,
          after: options.after ?? null,
        },
      );
      connection = data.myChangeRequests;
    } else {
      const data = await client.request<{ changeRequestsAwaitingMyReview: Connection }>(
        CHANGE_REQUEST_DOCUMENTS.awaitingMyReview,
        { first: options.first, after: options.after ?? null },
      );
      connection = data.changeRequestsAwaitingMyReview;
    }
    const next = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    return {
      requests: connection.edges.map((e) => e.node),
      ...(next === null ? {} : { nextCursor: next }),
    };
  } catch (error) {
    throw approvalsUnavailable(error, 'cannot list change requests');
  }
}

/** One change request (always current). */
export async function getChangeRequest(
  client: GatewayClient,
  id: string,
): Promise<ChangeRequestDetails> {
  try {
    const data = await client.request<{ changeRequest: ChangeRequestDetails | null }>(
      CHANGE_REQUEST_DOCUMENTS.changeRequest,
      { id },
    );
    if (data.changeRequest === null) {
      throw new CliError('API', `no change request \`${id}\``, {
        details: { gatewayCode: 'NOT_FOUND' },
      });
    }
    return data.changeRequest;
  } catch (error) {
    throw approvalsUnavailable(error, `cannot read change request \`${id}\``);
  }
}

/** A reviewer's decision: approve with an optional comment, or reject with a reason. */
export type Review =
  | { readonly id: string; readonly decision: 'approve'; readonly comment?: string | undefined }
  | { readonly id: string; readonly decision: 'reject'; readonly reason: string };

/** What a review mutation answers (`ChangeRequestPayload`, as much as the CLI reads). */
interface ReviewPayload {
  readonly changeRequest: { readonly requestId: string; readonly status: string };
}

/** Approves or rejects a change request; returns its status afterwards. */
export async function reviewChangeRequest(
  client: GatewayClient,
  review: Review,
): Promise<{ requestId: string; status: string }> {
  try {
    if (review.decision === 'approve') {
      const data = await client.request<{ approveChangeRequest: ReviewPayload }>(
        CHANGE_REQUEST_DOCUMENTS.approve,
        { id: review.id, comment: review.comment ?? null },
      );
      return data.approveChangeRequest.changeRequest;
    }
    const data = await client.request<{ rejectChangeRequest: ReviewPayload }>(
      CHANGE_REQUEST_DOCUMENTS.reject,
      { id: review.id, reason: review.reason },
    );
    return data.rejectChangeRequest.changeRequest;
  } catch (error) {
    throw approvalsUnavailable(error, `cannot ${review.decision} change request \`${review.id}\``);
  }
}
