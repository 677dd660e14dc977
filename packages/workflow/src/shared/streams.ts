/**
 * Streams of the workflow in the shared log. The `workflow-` prefix keeps them
 * apart from IAM's `iam-` streams and other services'.
 */
export const WORKFLOW_STREAM_PREFIX = 'workflow-';

/** One stream per change request: its whole lifecycle, reviews and grant. */
export function requestStream(requestId: string): string {
  return `workflow-request-${requestId}`;
}

/** One stream per IAM assignment a grant may hold (provenance; see assignments/). */
export function assignmentStream(key: string): string {
  return `workflow-assignment-${key}`;
}

/** The approval rules, versioned: one event per published version. */
export const RULES_STREAM = 'workflow-rules';

/** The request id of a request stream, or undefined for any other stream. */
export function requestIdOfStream(streamId: string): string | undefined {
  return streamId.startsWith('workflow-request-')
    ? streamId.slice('workflow-request-'.length)
    : undefined;
}

/** True for a request id (a UUID, lowercase). */
export function isRequestId(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
}

/** The grant id format: `g-` and a UUID. */
export function isGrantId(value: string): boolean {
  return /^g-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
}
