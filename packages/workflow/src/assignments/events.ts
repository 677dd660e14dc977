import type { DomainEvent } from '../request/events.js';

/** A grant now holds the assignment (recorded with the IAM change that made it, if any). */
export type AssignmentHeld = DomainEvent<
  'AssignmentHeld',
  {
    readonly key: string;
    readonly grantId: string;
    readonly requestId: string;
    /** The assignment was already in IAM when the grant took hold of it. */
    readonly preexisting: boolean;
    readonly heldAt: string;
  }
>;

/** A grant let go of the assignment; `removed` when that took it out of IAM (same transaction). */
export type AssignmentReleased = DomainEvent<
  'AssignmentReleased',
  {
    readonly key: string;
    readonly grantId: string;
    readonly requestId: string;
    readonly removed: boolean;
    /** Other grants still holding it. */
    readonly retainedBy: readonly string[];
    /** It is held permanently (it existed outside the workflow). */
    readonly permanent: boolean;
    readonly releasedAt: string;
  }
>;

/** Every event of a `workflow-assignment-<key>` stream. */
export type AssignmentEvent = AssignmentHeld | AssignmentReleased;
