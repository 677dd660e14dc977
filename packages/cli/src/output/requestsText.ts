import type { ChangeRequestDetails, ChangeRequestPage } from '../gateway/changeRequests.js';
import type { Colors } from './terminal.js';

/** The lines of `gatehouse requests list`: one request per two lines, then the next page's cursor. */
export function formatRequestList(page: ChangeRequestPage, colors: Colors): string[] {
  if (page.requests.length === 0) return ['No change requests.'];
  const lines: string[] = [];
  for (const r of page.requests) {
    lines.push(
      `${colors.bold(r.requestId)}  ${statusText(r.status, colors)}  ${riskText(r.risk, colors)}  ${r.summary}`,
    );
    lines.push(
      colors.dim(
        `    by ${r.requesterArn}, submitted ${r.submittedAt}${r.pendingUntil === null ? '' : `, pending until ${r.pendingUntil}`}`,
      ),
    );
  }
  if (page.nextCursor !== undefined) {
    lines.push('', colors.dim(`More: add \`--after ${page.nextCursor}\`.`));
  }
  return lines;
}

/** The lines of `gatehouse requests show`. */
export function formatRequest(r: ChangeRequestDetails, colors: Colors): string[] {
  return [
    `${colors.bold(r.requestId)}  ${statusText(r.status, colors)}`,
    `  ${r.summary}`,
    `  ${r.action} on ${r.resource} (${riskText(r.risk, colors)})`,
    `  requested by ${r.requesterArn} at ${r.submittedAt}`,
    ...(r.pendingUntil === null ? [] : [`  pending until ${r.pendingUntil}`]),
    ...(r.failureReason === null ? [] : [`  failed: ${r.failureReason}`]),
  ];
}

function statusText(status: string, colors: Colors): string {
  switch (status) {
    case 'PENDING':
      return colors.yellow(status);
    case 'APPROVED':
    case 'SCHEDULED':
    case 'ACTIVE':
    case 'APPLIED':
      return colors.green(status);
    default:
      return colors.red(status);
  }
}

function riskText(risk: string, colors: Colors): string {
  const text = `risk ${risk}`;
  return risk === 'HIGH' || risk === 'CRITICAL' ? colors.red(text) : text;
}
