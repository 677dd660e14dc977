import type { IamCommand, Principal } from '@gatehouse/iam';
import type { AccountChange, ChangeAnalysis } from '@gatehouse/policy';
import type { WorkflowService } from '@gatehouse/workflow';
import type { RequestFacts } from '../context/requestFacts.js';

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

/**
 * Submits a gated command to the approval workflow (`@gatehouse/workflow`) as a
 * change request: the command exactly as the domain would run it, the changes
 * and the analysis the gate made (so the request shows what the requester was
 * told), the requester and the request's audit context. The approvals service
 * applies it once approved, re-analysing then; until then nothing changes.
 * @throws WorkflowError `NO_MATCHING_RULE`, `DURATION_NOT_ALLOWED`, ... (mapped by the gateway)
 */
export class WorkflowChangeRequests implements ChangeRequestSink {
  readonly #workflow: Pick<WorkflowService, 'submitChangeRequest'>;

  constructor(workflow: Pick<WorkflowService, 'submitChangeRequest'>) {
    this.#workflow = workflow;
  }

  async submit(submission: ChangeRequestSubmission): Promise<string> {
    const receipt = await this.#workflow.submitChangeRequest(
      {
        command: submission.command,
        changes: submission.changes,
        analysis: submission.analysis,
        source: 'gateway',
      },
      {
        principal: submission.requester,
        correlationId: submission.request.requestId,
        sourceIp: submission.request.sourceIp,
        userAgent: submission.request.userAgent,
      },
    );
    return receipt.request.requestId;
  }
}
